// Calendars: real dates, times and zones; weekdays that exist; intervals that
// neither run backwards nor overlap; no day both holiday and make-up day.
import type * as A from '../../grammar/index.js';
import { dayNumber, dayText, validInstant, validTime, validTimeZone } from '../calendar/dates.js';
import { WEEKDAY_NAMES, weekdaysOf } from '../calendar/weekdays.js';
import type { EffectiveCalendar, EffectivePolicy, From } from '../effective.js';
import { helpFor } from '../suggest.js';
import type { Check, CheckContext } from './context.js';

function checkZone(ctx: CheckContext, zone: A.StringLit): void {
  if (!validTimeZone(zone.value)) {
    ctx.report('C308', zone.range, `'${zone.value}' is not an IANA time zone.`, { help: 'Mainland China is "Asia/Shanghai".' });
  }
}

function checkDate(ctx: CheckContext, date: A.DateLit): number | undefined {
  const n = dayNumber(date.text);
  if (n === undefined && date.text) ctx.report('C304', date.range, `${date.text} is not a date.`);
  return n;
}

function minutesOf(t: A.TimeLit): number {
  return t.hour * 60 + t.minute;
}

export const calendarLiterals: Check = {
  name: 'calendars name real zones, weekdays, dates and times',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind === 'Zone') checkZone(ctx, decl.zone);
      if (decl.kind !== 'Calendar') continue;
      for (const item of decl.items) {
        if (item.kind === 'Zone') checkZone(ctx, item.zone);
        else if (item.kind === 'Holiday' || item.kind === 'Workday') {
          const from = checkDate(ctx, item.from);
          const to = item.to ? checkDate(ctx, item.to) : from;
          if (from !== undefined && to !== undefined && to < from) {
            ctx.report('C304', item.range, `The range ends (${item.to?.text}) before it starts (${item.from.text}).`);
          }
        } else if (item.kind === 'Hours') {
          if (item.days.text && !weekdaysOf(item.days.text)) {
            const word = item.days.text.split('-').find((w) => !weekdaysOf(w)) ?? item.days.text;
            ctx.report('C306', item.days.range, `'${item.days.text}' is not a weekday or a span of weekdays.`, {
              help: helpFor(word, WEEKDAY_NAMES, 'weekdays') + ' Spans are written mon-fri.',
            });
          }
          for (const interval of item.intervals) {
            const fromOk = validTime(interval.from.hour, interval.from.minute, false);
            const toOk = validTime(interval.to.hour, interval.to.minute, true);
            if (!fromOk) ctx.report('C304', interval.from.range, `'${interval.from.text}' is not a time of day.`);
            if (!toOk) ctx.report('C304', interval.to.range, `'${interval.to.text}' is not a time of day (24:00 may end a day).`);
            if (fromOk && toOk && minutesOf(interval.to) <= minutesOf(interval.from)) {
              ctx.report('C307', interval.range, `The interval ${interval.from.text}-${interval.to.text} ends before it starts.`, {
                help: 'Split a night shift at midnight: 22:00-24:00 on one day, 00:00-06:00 on the next.',
              });
            }
          }
        }
      }
    }
  },
};

export const overlappingIntervals: Check = {
  name: 'service intervals of a weekday do not overlap',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Calendar') continue;
      const byDay = new Map<number, { from: number; to: number; node: A.TimeRange }[]>();
      const reported = new Set<A.TimeRange>();
      for (const item of decl.items) {
        if (item.kind !== 'Hours') continue;
        for (const day of weekdaysOf(item.days.text) ?? []) {
          const list = byDay.get(day) ?? [];
          for (const interval of item.intervals) {
            // Invalid intervals are reported by calendarLiterals; judging their overlap would only add noise.
            const valid = validTime(interval.from.hour, interval.from.minute, false) && validTime(interval.to.hour, interval.to.minute, true);
            const from = minutesOf(interval.from);
            const to = minutesOf(interval.to);
            if (!valid || to <= from) continue;
            const clash = list.find((o) => from < o.to && o.from < to);
            if (!clash) {
              list.push({ from, to, node: interval });
              continue;
            }
            // One report per interval, naming the first weekday it clashes on, not one per weekday.
            if (reported.has(interval)) continue;
            reported.add(interval);
            ctx.report('C701', interval.range, `${interval.from.text}-${interval.to.text} overlaps ${clash.node.from.text}-${clash.node.to.text} on ${WEEKDAY_NAMES[day - 1]} (line ${clash.node.range.start.line}).`, {
              help: 'Join the two intervals into one, or move one of them.',
            });
          }
          byDay.set(day, list);
        }
      }
    }
  },
};

/** Holidays and make-up days of a calendar and everything it includes, each with the calendar that lists it. */
function specialDays(policy: EffectivePolicy, cal: EffectiveCalendar, seen = new Set<string>()): (From<A.SpecialDay> & { calendar: string })[] {
  if (seen.has(cal.name)) return [];
  seen.add(cal.name);
  const out = cal.days.map((d) => ({ ...d, calendar: cal.name }));
  for (const inc of cal.includes) {
    const included = policy.calendars.get(inc.node.text);
    if (included) out.push(...specialDays(policy, included, seen));
  }
  return out;
}

function expand(day: A.SpecialDay): number[] {
  const from = dayNumber(day.from.text);
  const to = day.to ? dayNumber(day.to.text) : from;
  if (from === undefined || to === undefined || to < from || to - from > 366) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export const holidayAndWorkday: Check = {
  name: 'no date is both a holiday and a make-up working day',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Calendar') continue;
      const cal = ctx.policy.calendars.get(decl.name.text);
      if (!cal) continue;
      const holidays = new Map<number, From<A.SpecialDay> & { calendar: string }>();
      const days = specialDays(ctx.policy, cal);
      for (const d of days) if (d.node.kind === 'Holiday') for (const n of expand(d.node)) if (!holidays.has(n)) holidays.set(n, d);
      for (const d of days) {
        if (d.node.kind !== 'Workday') continue;
        for (const n of expand(d.node)) {
          const h = holidays.get(n);
          if (!h) continue;
          // A clash written wholly elsewhere in one calendar is reported where it is written.
          if (d.uri !== ctx.file.uri && h.uri !== ctx.file.uri && d.calendar === h.calendar) continue;
          // Report in the file being checked: at the make-up day if it is ours, else at the holiday, else at the calendar.
          const mine = d.uri === ctx.file.uri ? d.node.range : h.uri === ctx.file.uri ? h.node.range : decl.name.range;
          ctx.report('C702', mine, `${dayText(n)} is both a holiday (${h.uri}:${h.node.range.start.line}) and a make-up working day (${d.uri}:${d.node.range.start.line}).`, {
            help: 'A date is either a day off or a working day: remove one of the two.',
          });
          break;
        }
      }
    }
  },
};

export const includeCycles: Check = {
  name: 'calendars do not include themselves',
  run(ctx) {
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Calendar') continue;
      for (const item of decl.items) {
        if (item.kind !== 'Include') continue;
        for (const name of item.names) {
          if (reaches(ctx.policy, name.text, decl.name.text, new Set())) {
            ctx.report('C703', name.range, `Calendar '${decl.name.text}' includes '${name.text}', which includes '${decl.name.text}' again.`, {
              help: 'Include holiday tables in working calendars, never the other way round.',
            });
          }
        }
      }
    }
  },
};

function reaches(policy: EffectivePolicy, from: string, target: string, seen: Set<string>): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  const cal = policy.calendars.get(from);
  return Boolean(cal?.includes.some((i) => reaches(policy, i.node.text, target, seen)));
}

export const testInstants: Check = {
  name: 'test instants are real instants',
  run(ctx) {
    const check = (lit: A.DateTimeLit) => {
      if (lit.text && !validInstant(lit.text)) ctx.report('C304', lit.range, `${lit.text} is not a valid date and time.`);
    };
    for (const decl of ctx.file.module.declarations) {
      if (decl.kind !== 'Test') continue;
      for (const item of decl.items) {
        if (item.kind === 'At') check(item.at);
        else if (item.kind === 'ExpectClock' && item.at) check(item.at);
        else if (item.kind === 'Ticket') {
          for (const t of item.items) {
            if (t.kind === 'TicketEvent' || t.kind === 'TicketDeadline') check(t.at);
            else for (const v of t.values) if (v.kind === 'DateTime') check(v);
          }
        }
      }
    }
  },
};

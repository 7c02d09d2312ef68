// Duties: a schedule that names a real weekday, day of month and time; a declared
// owner role, calendar and warning level; one of each clause; and a new duty says
// when and who. An advisory duty with a warning is contradictory: the warning is
// never raised (engine/duties/judge.ts), so the writer hears about it.
import type * as A from '../../grammar/index.js';
import { validTime } from '../calendar/dates.js';
import { WEEKDAY_NAMES, weekdaysOf } from '../calendar/weekdays.js';
import { helpFor } from '../suggest.js';
import type { Check, CheckContext } from './context.js';
import { known } from './references.js';

/** The ISO weekday of a single weekday name (`fri`, `周五`), or undefined for a span or an unknown word. */
export function singleWeekday(text: string): number | undefined {
  if (text.includes('-')) return undefined;
  const days = weekdaysOf(text);
  return days && days.length === 1 ? days[0] : undefined;
}

/** A day of month as written, when it is a whole number 1..31. */
export function dayOfMonth(value: A.Value | undefined): number | undefined {
  if (value?.kind !== 'Number' || value.negative || !Number.isInteger(value.value)) return undefined;
  return value.value >= 1 && value.value <= 31 ? value.value : undefined;
}

function dutiesOf(ctx: CheckContext): A.DutyDecl[] {
  return ctx.file.module.declarations.filter((d): d is A.DutyDecl => d.kind === 'Duty');
}

function checkSchedule(ctx: CheckContext, s: A.DutyScheduleItem): void {
  if (s.weekday?.text && singleWeekday(s.weekday.text) === undefined) {
    const span = weekdaysOf(s.weekday.text);
    if (span && span.length > 1) {
      ctx.report('C110', s.weekday.range, `'${s.weekday.text}' is several days; a weekly duty falls due on one weekday.`, {
        help: 'Write `every fri by 17:00`, or `daily` for every day.',
      });
    } else {
      ctx.report('C306', s.weekday.range, `'${s.weekday.text}' is not a weekday.`, { help: helpFor(s.weekday.text, WEEKDAY_NAMES, 'weekdays') });
    }
  }
  if (s.dayWord?.text && s.dayWord.text !== 'day') {
    ctx.report('C110', s.dayWord.range, `A monthly duty is written \`monthly by day 5\`, not '${s.dayWord.text}'.`, { help: 'Write `day` before the day of the month.' });
  }
  if (s.day && dayOfMonth(s.day) === undefined && s.day.kind !== 'Placeholder') {
    ctx.report('C110', s.day.range, 'The day of the month is a whole number from 1 to 31.', {
      help: 'A month shorter than the day falls due on its last day; `monthly` alone is due by the end of each month.',
    });
  } else if (s.day?.kind === 'Placeholder') {
    ctx.report('C110', s.day.range, 'A duty cannot leave its day as [X]: its occurrences could not be dated.', {
      help: 'Give the day the rule book states, or write `monthly` alone: due by the end of each month.',
    });
  }
  if (s.by && !validTime(s.by.hour, s.by.minute, true)) {
    ctx.report('C304', s.by.range, `'${s.by.text}' is not a time of day (24:00 is the end of the day).`);
  }
}

export const dutyClauses: Check = {
  name: 'duties have one of each clause, and new duties have a schedule and an owner',
  run(ctx) {
    for (const decl of dutiesOf(ctx)) {
      if (!decl.name.text) continue;
      const seen = new Map<string, number>();
      for (const item of decl.items) {
        const key = item.kind === 'DutySchedule' ? 'schedule' : item.kind.replace(/^Duty/, '').toLowerCase();
        const line = seen.get(key);
        if (line !== undefined) ctx.report('C209', item.range, `Duty '${decl.name.text}' already has a ${key} clause on line ${line}.`, { help: 'Keep one of the two.' });
        else seen.set(key, item.range.start.line);
        if (item.kind === 'DutySchedule') checkSchedule(ctx, item);
      }
      if (ctx.inherited?.duties.has(decl.name.text)) continue;
      const missing = [seen.has('schedule') ? '' : 'a schedule (every fri by 17:00, daily, monthly)', seen.has('owner') ? '' : 'an owner'].filter(Boolean);
      if (missing.length > 0) ctx.report('C208', decl.name.range, `Duty '${decl.name.text}' needs ${missing.join(' and ')}.`);
    }
  },
};

export const dutyReferences: Check = {
  name: 'duties name declared roles, calendars and warning levels',
  run(ctx) {
    const p = ctx.policy;
    for (const decl of dutiesOf(ctx)) {
      for (const item of decl.items) {
        if (item.kind === 'DutyOwner') known(ctx, item.role, p.enums.roles, 'role');
        else if (item.kind === 'DutyCalendar') known(ctx, item.calendar, p.calendars, 'calendar');
        else if (item.kind === 'DutyWarning') known(ctx, item.level, p.warnings, 'warning level');
      }
    }
  },
};

export const advisoryDutyWarnings: Check = {
  name: 'an advisory duty carries no warning',
  run(ctx) {
    for (const duty of ctx.policy.duties.values()) {
      if (!duty.advisory || !duty.warning) continue;
      // Reported once, in a file that wrote one of the two (the warning when it wrote both).
      const blame = duty.warning.module === ctx.file.id ? duty.warning : duty.advisory.module === ctx.file.id ? duty.advisory : undefined;
      if (!blame) continue;
      ctx.report('C111', blame.node.range, `Duty '${duty.name}' is advisory, so its warning '${duty.warning.node.level.text}' is never raised.`, {
        help: 'Remove the warning, or the advisory clause if the rule book makes the duty binding.',
      });
    }
  },
};

// When a duty falls due. A schedule names nominal days in the policy's zone (every day,
// one weekday a week, one day a month clamped to the month's last day); each nominal day
// is one occurrence, keyed by its date, so a fulfilment recorded against it stays put
// whatever the calendar later says. With a business calendar, a nominal day without
// service moves to the next working day at the same minute (004 第十条(一)3(4): the
// Friday summary is due on a working day; a Friday in the National Day week moves on).
import { alwaysSpec, businessCalendar, dayNumber, dayText, isoWeekday } from '../calendar/index.js';
import type { ServiceCalendar } from '../compile/types.js';
import type { DutySchedule, DutySpec } from './types.js';

/**
 * How far a due day may move to find a working day. A calendar with no working day in
 * this many days after a nominal day leaves the occurrence on its nominal day: no
 * holiday table has a break this long, and searching further only hides a broken one.
 */
export const MAX_MOVE_DAYS = 60;
/** The widest range of instants one call may span (a bound for callers, not a rule). */
export const MAX_RANGE_DAYS = 1_100;

export interface DutyOccurrence {
  dutyId: string;
  /** The nominal local date `YYYY-MM-DD`: the occurrence's identity. */
  key: string;
  /** The local date it is due on, after any move to a working day. */
  dueDay: string;
  /** The instant it is due by (ms). */
  dueMs: number;
}

/** Whether the schedule names `day` (days since 1970-01-01, a local date). */
function scheduled(schedule: DutySchedule, day: number): boolean {
  switch (schedule.every) {
    case 'daily':
      return true;
    case 'weekly':
      return isoWeekday(day) === schedule.weekday;
    case 'monthly': {
      const [y, m, d] = dayText(day).split('-').map(Number) as [number, number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return d === Math.min(schedule.day, last);
    }
  }
}

/** The first working day on or after `day` within MAX_MOVE_DAYS, else `day` itself. */
function workingDayFrom(calendar: ServiceCalendar | null, day: number): number {
  if (!calendar) return day;
  for (let d = day; d <= day + MAX_MOVE_DAYS; d++) if (calendar.isWorkingDay(d)) return d;
  return day;
}

/**
 * The occurrences of `spec` whose due instant lies in [fromMs, toMs), sorted by due
 * instant then key. `zone` is the policy's zone; `calendar` the duty's business
 * calendar (null: plain local days). Throws RangeError on a range that is not finite,
 * runs backwards or spans more than MAX_RANGE_DAYS: callers bound their input first.
 */
export function dutyOccurrences(spec: DutySpec, zone: string, fromMs: number, toMs: number, calendar: ServiceCalendar | null = null): DutyOccurrence[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) throw new RangeError('duty occurrences need a finite range [from, to)');
  if (toMs - fromMs > MAX_RANGE_DAYS * 86_400_000) throw new RangeError(`duty occurrences span at most ${MAX_RANGE_DAYS} days`);
  const local = businessCalendar(alwaysSpec(zone));
  const by = spec.schedule.by;
  const out: DutyOccurrence[] = [];
  // A nominal day up to MAX_MOVE_DAYS before `from` may have moved into the range; a
  // day after `to`'s local day is due after `to` (moves only go later).
  const first = local.localDay(fromMs) - MAX_MOVE_DAYS - 1;
  const last = local.localDay(toMs) + 1;
  for (let day = first; day <= last; day++) {
    if (!scheduled(spec.schedule, day)) continue;
    const due = workingDayFrom(calendar, day);
    const dueMs = local.instantOf(due, by);
    if (dueMs < fromMs || dueMs >= toMs) continue;
    out.push({ dutyId: spec.id, key: dayText(day), dueDay: dayText(due), dueMs });
  }
  return out.sort((a, b) => a.dueMs - b.dueMs || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The occurrence of `spec` keyed `key` (its nominal date), or undefined when the schedule does not name that date. */
export function dutyOccurrence(spec: DutySpec, zone: string, key: string, calendar: ServiceCalendar | null = null): DutyOccurrence | undefined {
  const day = dayNumber(key);
  if (day === undefined || !scheduled(spec.schedule, day)) return undefined;
  const due = workingDayFrom(calendar, day);
  const dueMs = businessCalendar(alwaysSpec(zone)).instantOf(due, spec.schedule.by);
  return { dutyId: spec.id, key, dueDay: dayText(due), dueMs };
}

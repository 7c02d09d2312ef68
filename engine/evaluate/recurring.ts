// Recurring targets: `every 1h` (an update at most an interval of service time
// after the start or the previous update) and `daily by 17:00` (an update on
// each service day by that time). Each missed deadline is a breach; while the
// clock runs, dueAt is the next deadline, or while the latest deadline passed with no
// update since, that missed deadline (a breached clock is never due in the future
// for a deadline it has already missed). As for any clock, paused time does not
// run: it moves the next `every` deadline later, a `daily` deadline that falls in
// a pause is not asked for, and while a pause is open the clock is paused.
import type { CompiledTarget, ServiceCalendar } from '../compile/types.js';
import { dueAfterPauses, openPause, pausedService, remainingAtPause, workdaysLate, type ClockOutcome, type Cycle } from './clock.js';

/** Safety bound: a clock left running for years must not loop for ever. */
const MAX_DEADLINES = 2_000;

interface Walk {
  missed: number;
  worstLate: number;
  worstDue: number | null;
  nextDue: number | null;
  /**
   * A `daily` deadline that has passed with no update since. While it is outstanding it
   * is the clock's due time (in the past, like any breached clock's), not the next
   * day's deadline.
   */
  outstanding: number | null;
}

function everyWalk(cal: ServiceCalendar, cycle: Cycle, minutes: number, end: number): Walk {
  const walk: Walk = { missed: 0, worstLate: 0, worstDue: null, nextDue: null, outstanding: null };
  let last = cycle.start;
  const miss = (due: number, at: number) => {
    walk.missed++;
    if (at - due > walk.worstLate) {
      walk.worstLate = at - due;
      walk.worstDue = due;
    }
  };
  for (const u of cycle.updates) {
    if (u > end) break;
    const due = dueAfterPauses(cal, last, minutes, pausesAfter(cycle, last));
    if (due !== null && u > due) miss(due, u);
    last = u;
  }
  const due = dueAfterPauses(cal, last, minutes, pausesAfter(cycle, last));
  if (due !== null && end > due) miss(due, end);
  walk.nextDue = due;
  return walk;
}

/** The pauses of a cycle from an instant on, the one under way then cut to start there. */
function pausesAfter(cycle: Cycle, from: number): Cycle['pauses'] {
  return cycle.pauses.filter(([, to]) => to === null || to > from).map(([f, to]) => [Math.max(f, from), to]);
}

function dailyWalk(cal: ServiceCalendar, cycle: Cycle, minuteOfDay: number, end: number): Walk {
  const walk: Walk = { missed: 0, worstLate: 0, worstDue: null, nextDue: null, outstanding: null };
  const serves = (day: number) => cal.always || cal.isWorkingDay(day);
  let day = cal.localDay(cycle.start);
  let deadline = cal.instantOf(day, minuteOfDay);
  // The first deadline is the first one after the start on a service day.
  for (let guard = 0; (deadline <= cycle.start || !serves(day)) && guard < MAX_DEADLINES; guard++) deadline = cal.instantOf(++day, minuteOfDay);
  let u = 0;
  for (let guard = 0; deadline <= end && guard < MAX_DEADLINES; guard++) {
    // Only an update made on the deadline's own day counts for it: one sent after
    // yesterday's deadline is late for yesterday, not early for today.
    const dayStart = cal.instantOf(day, 0);
    while (u < cycle.updates.length && (cycle.updates[u] as number) < dayStart) u++;
    const update = cycle.updates[u];
    const paused = cycle.pauses.some(([f, to]) => f <= deadline && (to === null || deadline < to));
    walk.outstanding = null;
    if (!paused && (update === undefined || update > deadline)) {
      walk.missed++;
      const lateUntil = update !== undefined && update <= end ? update : end;
      if (lateUntil - deadline > walk.worstLate) {
        walk.worstLate = lateUntil - deadline;
        walk.worstDue = deadline;
      }
      // Outstanding until the next update, the same span its lateness is measured over.
      if (update === undefined || update > end) walk.outstanding = deadline;
    }
    do deadline = cal.instantOf(++day, minuteOfDay);
    while (!serves(day) && day < cal.localDay(end) + 400);
  }
  walk.nextDue = deadline;
  return walk;
}

export function recurringOutcome(
  outcome: ClockOutcome,
  cycles: Cycle[],
  target: Extract<CompiledTarget, { kind: 'every' | 'daily' }>,
  atMs: number,
  workingCalendar: ServiceCalendar | null,
): ClockOutcome {
  const cal = outcome.clock.calendar;
  let missed = 0;
  let worst: { late: number; due: number } | null = null;
  for (const cycle of cycles) {
    const end = cycle.stop ?? atMs;
    const walk = target.kind === 'every' ? everyWalk(cal, cycle, target.minutes, end) : dailyWalk(cal, cycle, target.minuteOfDay, end);
    missed += walk.missed;
    if (walk.worstDue !== null && (!worst || walk.worstLate > worst.late)) worst = { late: walk.worstLate, due: walk.worstDue };
    const open = cycle.stop === null ? openPause(cycle.pauses) : undefined;
    outcome.startMs = cycle.start;
    outcome.stopMs = cycle.stop;
    outcome.pausedSinceMs = open ? open[0] : null;
    outcome.elapsed = Math.max(0, cal.serviceMinutesBetween(cycle.start, end) - pausedService(cal, cycle.pauses, end));
    outcome.dueMs = cycle.stop === null && !open ? (walk.outstanding ?? walk.nextDue) : null;
  }
  outcome.missedUpdates = missed;
  const running = outcome.stopMs === null;
  const paused = outcome.pausedSinceMs !== null;
  outcome.state = missed > 0 ? 'breached' : !running ? 'met' : paused ? 'paused' : 'running';
  if (running && outcome.dueMs !== null && missed === 0) outcome.remaining = cal.serviceMinutesBetween(atMs, outcome.dueMs);
  const last = cycles[cycles.length - 1];
  if (paused && missed === 0 && target.kind === 'every' && last) {
    const from = last.updates.length > 0 ? (last.updates[last.updates.length - 1] as number) : last.start;
    outcome.remaining = remainingAtPause(cal, { ...last, start: from, pauses: pausesAfter(last, from) }, target.minutes);
  }
  if (worst) {
    outcome.overdueMinutes = worst.late / 60_000;
    outcome.overdueWorkdays = workdaysLate(cal, workingCalendar, worst.due, worst.due + worst.late);
    outcome.lateDueMs = worst.due;
  }
  return outcome;
}

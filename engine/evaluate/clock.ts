// One clock of one ticket at one instant, in numbers (epoch ms and minutes);
// formatting and explanation happen later, only when asked for.
//
// A clock starts at its first start event. A stop event ends the cycle; a
// restart event (a reopening) after that starts a new cycle with the same
// target. Between pause and resume the clock does not run: the paused service
// time moves the due time later. A breach in any cycle stays a breach.
import type { CompiledClock, CompiledTarget, ServiceCalendar, TicketFacts } from '../compile/types.js';
import { ROLE_PAUSE, ROLE_RESTART, ROLE_RESUME, ROLE_START, ROLE_STOP, ROLE_UPDATE } from '../compile/event-ids.js';
import type { ClockState } from '../ticket.js';
import type { TicketTimeline } from './facts.js';
import { capPauses, type CappedPause } from './pause-limit.js';
import { recurringOutcome } from './recurring.js';
import { cutoffDue, deadlineInstant } from './ticket-deadlines.js';

const NO_CAPPED_PAUSES: readonly CappedPause[] = Object.freeze([]);
/**
 * The pauses and updates of every cycle that has none yet (most have none): a cycle gets
 * arrays of its own at its first pause or update, so that a clock that merely ran makes no
 * arrays (issue 13: a simulated ticket allocated 13 KB, much of it empty lists). Never pushed to.
 */
const NO_PAUSES: Cycle['pauses'] = [];
const NO_UPDATES: number[] = [];
/** A clock that never started: most of a ticket's clocks. Never pushed to. */
const NO_CYCLES: Cycle[] = [];

export interface Cycle {
  start: number;
  stop: number | null;
  pauses: [number, number | null][];
  updates: number[];
}

export interface ClockOutcome {
  clock: CompiledClock;
  state: ClockState;
  target: CompiledTarget | undefined;
  startMs: number | null;
  dueMs: number | null;
  stopMs: number | null;
  pausedSinceMs: number | null;
  /** Service minutes run, pauses excluded. */
  elapsed: number;
  remaining: number | null;
  overdueMinutes: number | null;
  overdueWorkdays: number | null;
  /** Due time of the latest cycle that was late, for dating warnings. */
  lateDueMs: number | null;
  cycles: number;
  missedUpdates: number;
  /** The clock or its target row is advisory: `state` says late, never breached. */
  advisory?: true;
  /** Pauses that lasted longer than `pause at most` lets them count (pause-limit.ts). */
  cappedPauses: readonly CappedPause[];
}

export function cyclesOf(clock: CompiledClock, events: TicketTimeline): Cycle[] {
  // A list of one when the first cycle ends, not an empty list pushed to (which reserves 17 slots).
  let cycles = NO_CYCLES;
  let current: Cycle | null = null;
  const { ids, times } = events;
  const roles = clock.roles;
  for (let i = 0; i < ids.length; i++) {
    const role = roles[ids[i] as number];
    if (!role) continue;
    const t = times[i] as number;
    if (current === null) {
      if (role & (cycles.length === 0 ? ROLE_START : ROLE_RESTART)) current = { start: t, stop: null, pauses: NO_PAUSES, updates: NO_UPDATES };
      continue;
    }
    const open = current.pauses.length > 0 && current.pauses[current.pauses.length - 1]![1] === null;
    if (role & ROLE_STOP) {
      if (open) current.pauses[current.pauses.length - 1]![1] = t;
      current.stop = t;
      if (cycles === NO_CYCLES) cycles = [current];
      else cycles.push(current);
      current = null;
    } else if (role & ROLE_PAUSE) {
      if (!open) {
        if (current.pauses === NO_PAUSES) current.pauses = [];
        current.pauses.push([t, null]);
      }
    } else if (role & ROLE_RESUME) {
      if (open) current.pauses[current.pauses.length - 1]![1] = t;
    } else if (role & ROLE_UPDATE) {
      if (current.updates === NO_UPDATES) current.updates = [];
      current.updates.push(t);
    }
  }
  if (current) {
    if (cycles === NO_CYCLES) cycles = [current];
    else cycles.push(current);
  }
  return cycles;
}

/** Due time of a duration target, moved later by pauses; null while a pause that began before it is open. */
export function dueAfterPauses(cal: ServiceCalendar, start: number, minutes: number, pauses: Cycle['pauses']): number | null {
  let remaining = minutes;
  let cursor = start;
  for (let i = 0; i < pauses.length; i++) {
    const pause = pauses[i]!;
    const from = pause[0];
    const to = pause[1];
    const available = cal.serviceMinutesBetween(cursor, from);
    if (available >= remaining) break;
    remaining -= available;
    if (to === null) return null;
    cursor = to;
  }
  return cal.addServiceMinutes(cursor, remaining);
}

export function pausedService(cal: ServiceCalendar, pauses: Cycle['pauses'], until: number, before = Number.POSITIVE_INFINITY): number {
  let total = 0;
  for (let i = 0; i < pauses.length; i++) {
    const pause = pauses[i]!;
    const from = pause[0];
    const to = pause[1];
    if (from < before) total += cal.serviceMinutesBetween(from, Math.min(to ?? until, until));
  }
  return total;
}

export function dueOf(target: CompiledTarget | undefined, cal: ServiceCalendar, cycle: Cycle, facts: TicketFacts, atMs: number): number | null {
  if (!target) return null;
  switch (target.kind) {
    case 'duration':
      return dueAfterPauses(cal, cycle.start, target.minutes, cycle.pauses);
    case 'workdays': {
      const base = cal.endOfNthWorkingDayAfter(cycle.start, target.days);
      const open = openPause(cycle.pauses);
      if (open && open[0] < base) return null;
      return cal.addServiceMinutes(base, pausedService(cal, cycle.pauses, atMs, base));
    }
    case 'relative': {
      const anchor = facts.instant(target.anchor);
      return anchor === null ? null : anchor + target.sign * target.minutes * 60_000;
    }
    case 'deadline':
      return deadlineInstant(target, facts) ?? dueOf(target.fallback, cal, cycle, facts, atMs);
    case 'cutoff':
      return cutoffDue(target, cal, cycle.start);
    default:
      return null;
  }
}

export function workdaysLate(cal: ServiceCalendar, fallback: ServiceCalendar | null, due: number, end: number): number {
  const c = cal.always ? fallback : cal;
  return c ? c.workingDaysBetween(due, end) : Math.floor((end - due) / 86_400_000);
}

export function clockOutcome(
  clock: CompiledClock,
  target: CompiledTarget | undefined,
  events: TicketTimeline,
  facts: TicketFacts,
  atMs: number,
  workingCalendar: ServiceCalendar | null,
): ClockOutcome {
  const cycles = cyclesOf(clock, events);
  // Most clocks of a ticket never start (no appointment, no complaint…): share one answer.
  if (cycles.length === 0) return notStarted(clock, target);
  const outcome = freshOutcome(clock, target, cycles.length);
  if (clock.maxPauseMinutes !== undefined) {
    const capped = capPauses(cycles, clock.calendar, clock.maxPauseMinutes, atMs);
    if (capped.length > 0) outcome.cappedPauses = capped;
  }
  if (target && (target.kind === 'every' || target.kind === 'daily')) return recurringOutcome(outcome, cycles, target, atMs, workingCalendar);

  const cal = clock.calendar;
  let breachedBefore = false;
  for (const cycle of cycles) {
    const end = cycle.stop ?? atMs;
    const due = dueOf(target, cal, cycle, facts, atMs);
    const open = openPause(cycle.pauses);
    outcome.startMs = cycle.start;
    outcome.stopMs = cycle.stop;
    outcome.dueMs = due;
    outcome.pausedSinceMs = cycle.stop === null && open ? open[0] : null;
    outcome.elapsed = Math.max(0, cal.serviceMinutesBetween(cycle.start, end) - pausedService(cal, cycle.pauses, end));
    const late = due !== null && end > due;
    if (late) {
      outcome.overdueMinutes = (end - due) / 60_000;
      outcome.overdueWorkdays = workdaysLate(cal, workingCalendar, due, end);
      outcome.lateDueMs = due;
    }
    if (cycle.stop !== null) outcome.state = late ? 'breached' : 'met';
    else if (late) outcome.state = 'breached';
    else outcome.state = open ? 'paused' : 'running';
    if (cycle.stop === null && !late) {
      outcome.overdueMinutes = null;
      outcome.overdueWorkdays = null;
      if (due !== null) outcome.remaining = cal.serviceMinutesBetween(atMs, due);
      else if (open && target?.kind === 'duration') outcome.remaining = remainingAtPause(cal, cycle, target.minutes);
    }
    if (outcome.state === 'breached' && cycle !== cycles[cycles.length - 1]) breachedBefore = true;
  }
  // A breach in an earlier cycle is never forgiven by a later one; its lateness stays on record.
  if (breachedBefore && outcome.state !== 'breached') {
    outcome.state = 'breached';
  }
  if (breachedBefore && outcome.overdueMinutes === null) {
    const worst = worstEarlierLateness(cycles, target, cal, facts, atMs);
    if (worst) {
      outcome.overdueMinutes = (worst.end - worst.due) / 60_000;
      outcome.overdueWorkdays = workdaysLate(cal, workingCalendar, worst.due, worst.end);
      outcome.lateDueMs = worst.due;
    }
  }
  return outcome;
}

/** The pause still open (a cycle has at most one, its last), if any. */
export function openPause(pauses: Cycle['pauses']): [number, number | null] | undefined {
  for (let i = 0; i < pauses.length; i++) if (pauses[i]![1] === null) return pauses[i];
  return undefined;
}

export function remainingAtPause(cal: ServiceCalendar, cycle: Cycle, minutes: number): number {
  let used = 0;
  let cursor = cycle.start;
  for (const [from, to] of cycle.pauses) {
    used += cal.serviceMinutesBetween(cursor, from);
    if (to === null) break;
    cursor = to;
  }
  return Math.max(0, minutes - used);
}

function worstEarlierLateness(cycles: Cycle[], target: CompiledTarget | undefined, cal: ServiceCalendar, facts: TicketFacts, atMs: number): { due: number; end: number } | undefined {
  let worst: { due: number; end: number } | undefined;
  for (const cycle of cycles) {
    const due = dueOf(target, cal, cycle, facts, atMs);
    const end = cycle.stop ?? atMs;
    if (due !== null && end > due && (!worst || end - due > worst.end - worst.due)) worst = { due, end };
  }
  return worst;
}

const notStartedByClock = new WeakMap<CompiledClock, Map<CompiledTarget | undefined, ClockOutcome>>();

/** One frozen answer per clock and target cell, reused by every ticket that has not started it. */
function notStarted(clock: CompiledClock, target: CompiledTarget | undefined): ClockOutcome {
  let byTarget = notStartedByClock.get(clock);
  if (!byTarget) {
    byTarget = new Map();
    notStartedByClock.set(clock, byTarget);
  }
  let outcome = byTarget.get(target);
  if (!outcome) {
    outcome = Object.freeze(freshOutcome(clock, target, 0));
    byTarget.set(target, outcome);
  }
  return outcome;
}


/** An outcome before anything is known: not started, nothing late. */
function freshOutcome(clock: CompiledClock, target: CompiledTarget | undefined, cycles: number): ClockOutcome {
  return {
    clock,
    state: 'not_started',
    target,
    startMs: null,
    dueMs: null,
    stopMs: null,
    pausedSinceMs: null,
    elapsed: 0,
    remaining: null,
    overdueMinutes: null,
    overdueWorkdays: null,
    lateDueMs: null,
    cycles,
    missedUpdates: 0,
    cappedPauses: NO_CAPPED_PAUSES,
  };
}

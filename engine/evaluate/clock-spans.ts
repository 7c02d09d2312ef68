// A ticket's clocks as spans of time, for drawing its timeline (the admin UI's Gantt chart):
// each clock's cycles (start, stop, pauses) with the due time of each, and each warning
// level reached with the instant it was raised, every one with the rule that made it. The
// numbers are the evaluator's own (evaluateCore, cyclesOf, dueOf), not a second reading of
// the events, so the chart cannot disagree with the verdict it illustrates.
import type { CompiledPolicy, ServiceCalendar, SourceRef } from '../compile/types.js';
import type { ClockState, Ticket } from '../ticket.js';
import { cyclesOf, dueOf } from './clock.js';
import { noContext, type TicketContext } from './context.js';
import { evaluateCore } from './core.js';
import { warningReasons } from './explain.js';

export interface SpanCycle {
  startMs: number;
  /** Null while the cycle runs at `at`. */
  stopMs: number | null;
  /** Each pause `[from, to)`; `toMs` null while it lasts. */
  pauses: { fromMs: number; toMs: number | null }[];
  /** Update events of a recurring target (`every 1h`, `daily by 17:00`): each one meets a deadline. */
  updatesMs: number[];
  /** When this cycle falls due; null without a target or while an open pause holds the due time back. */
  dueMs: number | null;
}

export interface ClockSpans {
  name: string;
  label?: string;
  state: ClockState;
  /** The calendar the clock counts on (its service hours and holidays). */
  calendar: ServiceCalendar;
  calendarName: string | null;
  target: string | null;
  cycles: SpanCycle[];
  /**
   * The due time the clock was latest past (the worst missed deadline of a recurring target,
   * which no cycle's dueMs shows once a later update met the next one); null when never late.
   */
  lateDueMs: number | null;
  /** Where the clock was declared. */
  clockSource: SourceRef;
  /** Where the target that applied was written (the clock's declaration without one). */
  targetSource: SourceRef;
}

export interface WarningSpan {
  level: string;
  label?: string;
  /** When its condition began to hold. */
  sinceMs: number;
  source: SourceRef;
}

export interface TicketSpans {
  atMs: number;
  zone: string;
  /** The clocks that apply to the ticket (a `when` that fails leaves its clock out), in policy order. */
  clocks: ClockSpans[];
  /** The warning levels reached, lowest first. */
  warnings: WarningSpan[];
}

/** The spans of a ticket already checked against the policy (ticketErrors), at `atMs`. */
export function clockSpans(policy: CompiledPolicy, ticket: Ticket, atMs: number, context: TicketContext = noContext): TicketSpans {
  const core = evaluateCore(policy, ticket, atMs, context);
  const clocks: ClockSpans[] = [];
  for (const o of core.outcomes) {
    if (!o) continue;
    const clock = o.clock;
    const recurring = o.target?.kind === 'every' || o.target?.kind === 'daily';
    const cycles = cyclesOf(clock, core.read.events);
    const spans: SpanCycle[] = cycles.map((c, i) => ({
      startMs: c.start,
      stopMs: c.stop,
      pauses: c.pauses.map(([fromMs, toMs]) => ({ fromMs, toMs })),
      updatesMs: [...c.updates],
      // A recurring target's due is the next occurrence the outcome computed, for the last cycle only.
      dueMs: recurring ? (i === cycles.length - 1 ? o.dueMs : null) : dueOf(o.target, clock.calendar, c, core.read.facts, atMs),
    }));
    const spansOfClock: ClockSpans = {
      name: clock.name,
      state: o.state,
      calendar: clock.calendar,
      calendarName: clock.calendarName,
      target: o.target?.text ?? null,
      cycles: spans,
      lateDueMs: o.lateDueMs,
      clockSource: clock.source,
      targetSource: o.target?.source ?? clock.source,
    };
    if (clock.label !== undefined) spansOfClock.label = clock.label;
    clocks.push(spansOfClock);
  }
  const warnings: WarningSpan[] = [];
  for (const w of core.reached) {
    const since = warningReasons(w, core).since;
    if (!Number.isFinite(since)) continue;
    const span: WarningSpan = { level: w.name, sinceMs: since, source: w.when.source };
    if (w.label !== undefined) span.label = w.label;
    warnings.push(span);
  }
  return { atMs, zone: policy.zone, clocks, warnings };
}

// The ticket and evaluation-result contract shared with the server: TypeScript
// types here, JSON Schemas beside them in schemas.ts (one source for both).

export interface TicketEvent {
  /** received, dispatched, accepted, contacted, arrived, resolved, revisited, closed, paused, resumed, reopened, or a policy's own. */
  type: string;
  /** ISO 8601 instant with an offset, e.g. 2026-03-02T08:05:00+08:00. */
  at: string;
  /** Who or what recorded it; kept for the record, not used by rules. */
  by?: string;
  note?: string;
  /** On a pause event: why, one of the policy's `pause reasons` (E330 otherwise). */
  reason?: string;
}

export interface Ticket {
  id: string;
  property: string;
  /** The responsible unit charged with penalties, e.g. "sunrise-garden/engineering". */
  unit: string;
  category: string;
  priority: string;
  createdAt: string;
  kind?: string;
  channel?: string;
  severity?: string;
  appointmentAt?: string | null;
  issueKey?: string | null;
  household?: string | null;
  repeatCount?: number;
  flags?: string[];
  /**
   * Instants the ticket carries, by a name the policy declares (`deadlines { plan_completion … }`),
   * e.g. the completion time the unit reported in its plan. A target `deadline plan_completion else 24h` falls due then.
   */
  deadlines?: Record<string, string>;
  events: TicketEvent[];
  /** Further attributes a policy declares (`attribute floor { … }`). */
  [attribute: string]: unknown;
}

/** `late`: an advisory clock past its due time, reported but never a breach. */
export type ClockState = 'not_started' | 'running' | 'paused' | 'met' | 'breached' | 'late';
export type WarningLevelName = string;

/** A sentence in both languages the UI speaks. */
export interface Reason {
  zh: string;
  en: string;
}

export interface ClockResult {
  name: string;
  label?: string;
  state: ClockState;
  startedAt: string | null;
  dueAt: string | null;
  stoppedAt: string | null;
  /** Service minutes the clock has run (pauses excluded). */
  elapsedMinutes: number;
  /** Service minutes left before the due time, while running or paused and not late. */
  remainingMinutes: number | null;
  /** Wall-clock minutes past the due time, when late. */
  overdueMinutes: number | null;
  /** Working days past the due time, when late, on the clock's calendar. */
  overdueWorkdays: number | null;
  target: string | null;
  reason: Reason;
  /** The clock or its target row is advisory ("为宜", "力争"): never breached, warned on or charged. */
  advisory?: true;
}

export interface WarningReason {
  level: string;
  reason: Reason;
}

export interface EvaluationResult {
  ticketId: string;
  at: string;
  clocks: ClockResult[];
  warning: { level: string; label?: string; reasons: WarningReason[]; raisedAt: string | null };
  actions: { notify: string[]; planDueAt: string | null };
  penalty: { points: number; unit: string; levels: { level: string; points: number }[] };
  trace?: TraceEntry[];
  /** What the result rests on that is missing or was bounded (E3xx), e.g. a due time in a year without a holiday table. */
  notes?: EvaluationNote[];
  /**
   * Levels reached that a `void … when …` rule voids (004 第十条(二)4: an accepted
   * non-responsibility statement), with why; they cost nothing in `penalty`.
   */
  voided?: VoidedLevel[];
  /** The routes (`route` declarations) whose conditions hold: who the ticket goes to, and why. */
  routes?: RouteResult[];
}

export interface VoidedLevel {
  level: string;
  reason: Reason;
}

export type EvaluationNote = HolidayTableNote | PauseLimitNote | HouseholdsNote;

/**
 * E331: a pause that lasted longer than its clock's `pause at most` lets it count; the
 * clock ran again from `countedUntil`. `resumedAt` is null for a pause never resumed.
 */
export interface PauseLimitNote {
  code: 'E331';
  /** JSON pointer to the clock in the result, e.g. /clocks/3. */
  pointer: string;
  pausedAt: string;
  resumedAt: string | null;
  countedUntil: string;
  message: Reason;
}

/** A note on a computed result: a code from engine/errors.ts, where it applies, and why. */
export interface HolidayTableNote {
  code: 'E301';
  /** JSON pointer into the result, e.g. /clocks/0/dueAt. */
  pointer: string;
  year: number;
  calendar: string;
  message: Reason;
}

/** E340: the policy counts a share of the property's households, and the evaluation was not given them. */
export interface HouseholdsNote {
  code: 'E340';
  /** Where the missing input belongs: /property/households (EvaluateOptions.property). */
  pointer: string;
  /** The rules whose share() could not be judged (they did not fire). */
  rules: string[];
  message: Reason;
}

/** A route that applies to the ticket: the roles it goes to (001 二(一), 002 四). */
export interface RouteResult {
  route: string;
  label?: string;
  to: string[];
  reason: Reason;
  /** file:line:column of the route in the .sla source. */
  source: string;
}

/** One decision, with the rule that made it and what it saw. */
export interface TraceEntry {
  rule: string;
  /** file:line:column of the rule in the .sla source. */
  source: string | null;
  inputs: Record<string, unknown>;
  outcome: string;
  reason?: Reason;
}

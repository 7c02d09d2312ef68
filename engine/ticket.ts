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
  events: TicketEvent[];
  /** Further attributes a policy declares (`attribute floor { … }`). */
  [attribute: string]: unknown;
}

export type ClockState = 'not_started' | 'running' | 'paused' | 'met' | 'breached';
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
  /** What the result rests on that is missing (E3xx), e.g. a due time in a year without a holiday table. */
  notes?: EvaluationNote[];
}

/** A note on a computed result: a code from engine/errors.ts, where it applies, and why. */
export interface EvaluationNote {
  code: 'E301';
  /** JSON pointer into the result, e.g. /clocks/0/dueAt. */
  pointer: string;
  year: number;
  calendar: string;
  message: Reason;
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

// The compiled policy: everything evaluation needs, resolved once, frozen.
// Evaluation never looks at the AST again except to explain itself.
import type { Range } from '../../grammar/index.js';
import type { EffectivePolicy } from '../effective.js';
import type { DutySpec } from '../duties/types.js';
import type { Ticket } from '../ticket.js';

/** What evaluation needs of a calendar (engine/calendar implements it). */
export interface ServiceCalendar {
  readonly always: boolean;
  addServiceMinutes(startMs: number, minutes: number): number;
  serviceMinutesBetween(aMs: number, bMs: number): number;
  endOfNthWorkingDayAfter(startMs: number, n: number): number;
  workingDaysBetween(aMs: number, bMs: number): number;
  localDay(ms: number): number;
  instantOf(day: number, minuteOfDay: number): number;
  isWorkingDay(day: number): boolean;
  /** The UTC service intervals of one local date (day number), for drawing a ticket's timeline. */
  serviceIntervalsOn?(day: number): { start: number; end: number }[];
  /** Runs of days without service between two instants, for explanations. */
  skippedDays?(aMs: number, bMs: number, only?: 'holiday' | 'weekend'): { from: number; to: number; kind: 'holiday' | 'weekend'; label?: string }[];
  /** Years with holiday tables, and the local year of ms when it has none (E301). */
  readonly coveredYears?: readonly number[];
  yearWithoutTable?(ms: number): number | null;
}

/** Where a rule was written, for traces: "policies/group.sla:212:5". */
export interface SourceRef {
  uri: string;
  range: Range;
}

export type CompiledTarget =
  | { kind: 'duration'; minutes: number; text: string; source: SourceRef; advisory?: true }
  | { kind: 'workdays'; days: number; text: string; source: SourceRef; advisory?: true }
  | { kind: 'relative'; minutes: number; sign: -1 | 1; anchor: string; text: string; source: SourceRef; advisory?: true }
  | { kind: 'every'; minutes: number; text: string; source: SourceRef; advisory?: true }
  | { kind: 'daily'; minuteOfDay: number; text: string; source: SourceRef; advisory?: true }
  /** An instant the ticket carries (`deadlines.<name>`); without it, the fallback's due time (none without a fallback). */
  | { kind: 'deadline'; name: string; fallback?: CompiledTarget; text: string; source: SourceRef; advisory?: true }
  /** A day cut-off: `days` after the start's local day (on a business calendar: working days), at minuteOfDay (1440 = the day's end). */
  | { kind: 'cutoff'; days: 0 | 1; minuteOfDay: number; text: string; source: SourceRef; advisory?: true }
  /** A template's [X], compiled only for its own tests: the clock has no due time. */
  | { kind: 'unfilled'; text: string; source: SourceRef; advisory?: undefined };

/** Everything about one ticket that conditions read, computed once per evaluation. */
export interface TicketFacts {
  createdMs: number;
  flags: ReadonlySet<string>;
  /** Attributes and contract fields by name (category, priority, kind, repeatCount, ...). */
  field(name: string): unknown;
  instant(name: string): number | null;
  /** An instant the ticket carries in `deadlines` (ms), or null when it carries none by that name. */
  deadline(name: string): number | null;
}

/** Lateness of a clock as conditions see it. */
export interface Lateness {
  minutes: number;
  workdays: number;
  /** When the clock fell due (ms), to date threshold crossings for explanations. */
  dueMs: number;
  calendar: ServiceCalendar;
}

/** A compiled `repeats { … }` block: when an earlier report of the same case makes a ticket a repeat (evaluate/repeats.ts). */
export interface RepeatRule {
  /** Ticket fields that must match, besides the property; a ticket with any of them empty has no case. */
  caseFields: readonly string[];
  /** `within`: how long after an earlier report a new one is a repeat of it (inclusive); null without the clause. */
  withinMinutes: number | null;
  /** `while unresolved`: a report while an earlier one has no `resolved` event yet is a repeat of it. */
  whileUnresolved: boolean;
  /** `merge same day`: the channels whose reports of a case on one local day are one report. */
  mergeChannels: ReadonlySet<string>;
  /** Names the rule: contexts index reports per rule. */
  key: string;
}

/**
 * share()'s fourth argument compiled (`kind = complaint and channel = platform`): which
 * reports a share counts. It reads the reporting ticket's own fields only (the checker
 * refuses anything else, C143), so one answer per ticket serves every window and count.
 */
export interface ShareFilter {
  /** The condition as data, parameters resolved (condition-key.ts): filters with equal keys count the same reports. */
  readonly key: string;
  /** Whether `ticket` is a report the share counts. */
  test(ticket: Ticket): boolean;
}

/** What a context keeps report lists for: a field share() counts by, and which reports (no filter: every report). */
export interface ShareSpec {
  readonly field: string;
  readonly filter?: ShareFilter;
}

export interface ConditionEnv {
  facts: TicketFacts;
  /** Lateness per clock index; undefined when the clock does not apply or is not late. */
  lateness: readonly (Lateness | undefined)[];
  /** Service minutes each clock has run, by clock index (0 when it does not apply). */
  elapsed: readonly number[];
  /**
   * Distinct households reporting the same value of `field` within `windowMinutes` before the
   * ticket; with `filter`, only the reports it holds for (the ticket's own included only if so).
   */
  households(field: string, windowMinutes: number, filter?: ShareFilter): number;
  /** `repeatCount`: earlier reports of the ticket's case that the policy's `repeats` rule counts, or the ticket's own field if higher. */
  repeats(): number;
  /** The same count without this ticket's own report (shareBefore). */
  householdsBefore(field: string, windowMinutes: number, filter?: ShareFilter): number;
  /** The property's total households (its record: an evaluation input); null when unknown. */
  propertyHouseholds(): number | null;
}

/** A condition, with an explaining variant used only when it holds. */
export interface CompiledCondition {
  test(env: ConditionEnv): boolean;
  /** The comparisons that made it true, and since when it holds (ms). */
  explain(env: ConditionEnv): { holds: boolean; since: number; parts: ConditionPart[] };
  source: SourceRef;
  /**
   * The ticket fields the condition reads (`kind = complaint and channel = platform`), when it
   * reads nothing else (no clock, count, flag, instant or calendar): every ticket with the same
   * values of them gets the same answer, so evaluation may keep it (scope-memo.ts).
   */
  fields?: readonly string[];
  /**
   * The condition as data, parameters resolved (a clock's or warning's `applies to`): two
   * policies whose scopes have equal keys admit the same tickets, so they share what
   * scope-memo.ts keeps (a draft and the policy it changes, in a simulation).
   */
  key?: string;
}

export interface ConditionPart {
  text: string;
  holds: boolean;
  since: number;
  detail: { zh: string; en: string };
}

export interface CompiledClock {
  index: number;
  name: string;
  label?: string;
  start: ReadonlySet<string>;
  stop: ReadonlySet<string>;
  pause: ReadonlySet<string>;
  resume: ReadonlySet<string>;
  restart: ReadonlySet<string>;
  update: ReadonlySet<string>;
  /** Role bits (event-ids.ts ROLE_*) by event id: what each event type means to this clock. */
  roles: readonly number[];
  calendarName: string | null;
  calendar: ServiceCalendar;
  when?: CompiledCondition;
  /** `applies to …`: tickets outside it have no such clock. */
  scope?: CompiledCondition;
  /** `advisory`: its outcome is reported (met or late) but never breached, warned on or charged. */
  advisory?: true;
  targetFor(category: string, tier: string): CompiledTarget | undefined;
  /** The same, by cell number (CompiledPolicy.cellOf): no string building per ticket. */
  targetAt(cell: number): CompiledTarget | undefined;
  /**
   * Only when the table has rows with `applies to`: by cell, the rows to try in
   * order; the first whose scope admits the ticket (or that has none) gives the target.
   */
  scopedTargets?: readonly (readonly ScopedTarget[])[];
  /**
   * Everything the clock's outcome depends on (events, calendar, condition, targets,
   * the working-day calendar), as text: two clocks with equal signatures give equal
   * outcomes for every ticket, so a simulation computes them once. Null when the
   * outcome depends on other clocks (a `when` that reads overdue() or elapsed()).
   */
  signature: string | null;
  /**
   * `pause at most …` (the clock's or the policy's), in service minutes: the most
   * paused time one cycle discounts. Absent when unbounded.
   */
  maxPauseMinutes?: number;
  source: SourceRef;
}

/** `void "…" "…" when …`: while it holds, every level the ticket reached is void and costs nothing. */
export interface CompiledVoid {
  when: CompiledCondition;
  reason: { zh: string; en: string };
  source: SourceRef;
}

/** A target-table row as evaluation tries it; `scope` absent: the row every ticket reaching it takes. */
export interface ScopedTarget {
  scope?: CompiledCondition;
  target: CompiledTarget | undefined;
  /** The row's key as written, e.g. "engineering/urgent", for explanations. */
  key: string;
}

/** A penalty row with `applies to`: these points for the tickets it admits. */
export interface ScopedPoints {
  scope: CompiledCondition;
  points: number;
}

export interface CompiledWarning {
  index: number;
  name: string;
  label?: string;
  when: CompiledCondition;
  /** `applies to …`: a ticket outside it never raises this level. */
  scope?: CompiledCondition;
  /** Penalty rows with their own scope, tried in order before `points`. */
  scopedPoints?: readonly ScopedPoints[];
  notify: string[];
  planWithin: { minutes: number } | { workdays: number } | null;
  /** `plan within … stop <events>`: the plan deadline is tracked as a clock named `<level>_plan` (engine/evaluate/plan-clocks.ts). */
  planStop?: ReadonlySet<string>;
  /** The unscoped penalty row's points (0 without one). */
  points: number;
  source: SourceRef;
}

/** A route: when its scope and condition hold, the ticket goes to these roles (no cost). */
export interface CompiledRoute {
  index: number;
  name: string;
  label?: string;
  scope?: CompiledCondition;
  /** Absent: every ticket the scope admits. */
  when?: CompiledCondition;
  to: readonly string[];
  source: SourceRef;
}

export interface CompiledPolicy {
  id: string;
  level: string;
  label?: string;
  zone: string;
  categories: readonly string[];
  tiers: readonly string[];
  events: ReadonlySet<string>;
  /** Names of the instants a ticket may carry in `deadlines` (`deadlines { … }`). */
  deadlines: ReadonlySet<string>;
  flags: ReadonlySet<string>;
  attributes: ReadonlyMap<string, ReadonlySet<string>>;
  clocks: readonly CompiledClock[];
  warnings: readonly CompiledWarning[];
  /** Routes in the order declared (evaluation lists every one that holds). */
  routes: readonly CompiledRoute[];
  /** Scheduled obligations that are not tickets (see engine/duties). */
  duties: readonly DutySpec[];
  /** Calendar for working-day plan deadlines and reports: the first business calendar. */
  workingCalendar: ServiceCalendar | null;
  compliance: readonly { light: string; minPercent: number | null }[];
  /** The local day (days since 1970-01-01) of an instant in the policy's zone. */
  localDay(ms: number): number;
  /** Ticket fields that share() counts households by, for streaming contexts to index. */
  shareFields: readonly string[];
  /** Each share() field with its filter (one entry per field and filter key), for streaming contexts to keep report lists by. */
  shares: readonly ShareSpec[];
  /** The rules (`warning red`, `route x`) whose conditions read households(): without the property's count they cannot fire (E340). */
  householdRules: readonly string[];
  /** The longest window share() looks back over (0 without share), for streaming contexts to keep. */
  shareWindowMinutes: number;
  /** The target-table cell of a category and tier, or -1 when either is unknown. */
  cellOf(category: string, tier: string): number;
  /** `repeats { … }`: the repeat convention `repeatCount` counts by; absent: repeatCount is the ticket's own field. */
  repeats?: RepeatRule;
  /** `charge highest level`: a ticket pays its highest level only. Absent or false: each level reached. */
  chargeHighest?: boolean;
  /** `void … when …` rules, in the order written. */
  voids?: readonly CompiledVoid[];
  /** `pause reasons { … }`: the reasons a pause event may give; absent when the policy declares none. */
  pauseReasons?: ReadonlySet<string>;
  /** Event types some clock pauses on, whose `reason` is judged against pauseReasons. */
  pauseEvents?: ReadonlySet<string>;
  /** True when compiled from a template for its own tests: [X] values stay unknown. */
  partial: boolean;
  /** The effective policy it was compiled from, with provenance, for explanations. */
  effective: EffectivePolicy;
}

// The abstract syntax of a .sla file. Every node is `{ kind, ..., range }`;
// the AST says what was written, checks (engine/checks) say whether it makes sense.

/** 1-based line and column (as Chevrotain and Monaco count), 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** `end` is exclusive: the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

interface Node<K extends string> {
  kind: K;
  range: Range;
}

/** A name the writer chose. `text` is '' when error recovery had to invent it. */
export interface Name extends Node<'Name'> {
  text: string;
}

export interface StringLit extends Node<'String'> {
  value: string;
}

export type ModuleLevel = 'group' | 'branch' | 'property' | 'library';

export interface Module extends Node<'Module'> {
  header: Header;
  declarations: Declaration[];
}

export interface Header extends Node<'Header'> {
  level: ModuleLevel;
  name: Name;
  label?: StringLit;
  extends?: Name;
}

export type Declaration =
  | UseDecl
  | ZoneDecl
  | CalendarDecl
  | EnumDecl
  | AttributeDecl
  | ParamDecl
  | ClockDecl
  | WarningDecl
  | RouteDecl
  | PenaltiesDecl
  | ComplianceDecl
  | DutyDecl
  | TestDecl
  | PauseLimit
  | PauseReasonsDecl
  | RepeatsDecl;

export interface UseDecl extends Node<'Use'> {
  names: Name[];
}

export interface ZoneDecl extends Node<'Zone'> {
  zone: StringLit;
}

// ---- calendars ----

export interface CalendarDecl extends Node<'Calendar'> {
  name: Name;
  label?: StringLit;
  /** `calendar x 24x7`: service time is all time. */
  always: boolean;
  items: CalendarItem[];
}

export type CalendarItem = ZoneDecl | IncludeItem | HoursItem | SpecialDay;

export interface IncludeItem extends Node<'Include'> {
  names: Name[];
}

/** `mon-fri 08:30-12:00, 13:30-17:30`; `days` is the name as written. */
export interface HoursItem extends Node<'Hours'> {
  days: Name;
  intervals: TimeRange[];
}

export interface TimeRange extends Node<'TimeRange'> {
  from: TimeLit;
  to: TimeLit;
}

/** `holiday 2026-10-01..2026-10-07 "国庆节"` or `workday 2026-10-10 "调休"`. */
export interface SpecialDay extends Node<'Holiday' | 'Workday'> {
  from: DateLit;
  to?: DateLit;
  label?: StringLit;
}

// ---- classification ----

export type EnumWhat = 'categories' | 'tiers' | 'events' | 'roles' | 'flags' | 'deadlines';

export interface EnumDecl extends Node<'Enum'> {
  what: EnumWhat;
  members: Member[];
}

export interface AttributeDecl extends Node<'Attribute'> {
  name: Name;
  label?: StringLit;
  members: Member[];
}

export interface Member extends Node<'Member'> {
  name: Name;
  label?: StringLit;
}

// ---- values ----

export type Value =
  | DurationLit
  | WorkdaysLit
  | PercentLit
  | PointsLit
  | NumberLit
  | PlaceholderLit
  | NameRef
  | TimeLit
  | DateLit
  | DateTimeLit
  | StringLit;

export interface DurationLit extends Node<'Duration'> {
  /** Whole length in minutes (seconds allowed as fractions). */
  minutes: number;
  /** As written, without the sign ("48h" stays "48h": the writer's unit often mirrors the rule book). */
  text: string;
  negative: boolean;
}
export interface WorkdaysLit extends Node<'Workdays'> {
  days: number;
  negative: boolean;
}
export interface PercentLit extends Node<'Percent'> {
  value: number;
  negative: boolean;
}
export interface PointsLit extends Node<'Points'> {
  value: number;
  negative: boolean;
}
export interface NumberLit extends Node<'Number'> {
  value: number;
  negative: boolean;
}
export type PlaceholderLit = Node<'Placeholder'>;
export interface NameRef extends Node<'NameRef'> {
  name: Name;
}
/** `text` is as written ("8:30"); hour and minute are not yet validated. */
export interface TimeLit extends Node<'Time'> {
  text: string;
  hour: number;
  minute: number;
}
export interface DateLit extends Node<'Date'> {
  text: string;
}
export interface DateTimeLit extends Node<'DateTime'> {
  text: string;
}

// ---- parameters ----

export interface ParamDecl extends Node<'Param'> {
  name: Name;
  label?: StringLit;
  /** Absent on an override that only sets a new value. */
  type?: Name;
  value: Value;
  /** `final param ...`: no child may give another value. */
  final?: boolean;
}

// ---- clocks ----

export interface ClockDecl extends Node<'Clock'> {
  name: Name;
  label?: StringLit;
  items: ClockItem[];
}

export type ClockEventRole = 'start' | 'stop' | 'pause' | 'resume' | 'restart' | 'update';

export type ClockItem = ClockEvents | ClockCalendar | WhenItem | ScopeItem | TargetItem | AdvisoryItem | PauseLimit;

/** `advisory`: the rule is reported (met or late) but never breached, warned on or charged. */
export type AdvisoryItem = Node<'Advisory'>;

/**
 * `pause at most 3d`: in a clock, the most paused service time a cycle of it may
 * discount; at the top of a file, the same for every clock that pauses and gives none.
 */
export interface PauseLimit extends Node<'PauseLimit'> {
  value: Value;
}

/** `pause reasons { waiting_parts "等待配件" }`: the reasons a ticket's pause event may give. */
export interface PauseReasonsDecl extends Node<'PauseReasons'> {
  members: Member[];
}

export interface ClockEvents extends Node<'ClockEvents'> {
  role: ClockEventRole;
  events: Name[];
}

export interface ClockCalendar extends Node<'ClockCalendar'> {
  /** Absent when the clock runs 24x7. */
  calendar?: Name;
}

export interface WhenItem extends Node<'When'> {
  condition: Condition;
}

/** `applies to kind = complaint`: the tickets a clock, target row, warning or penalty is for. */
export interface ScopeItem extends Node<'Scope'> {
  condition: Condition;
}

export interface TargetItem extends Node<'Target'> {
  /** `target 2h`: one value for every category and tier. */
  value?: TargetValue;
  /** `target { engineering/urgent: 30m ... }`. */
  rows: TargetRow[];
  /** True when written as a table, even an empty one. */
  table: boolean;
}

// A cell key: "*", "engineering", "engineering/urgent" or "* / urgent"; an absent part means "*".
export interface TargetRow extends Node<'TargetRow'> {
  category?: Name;
  tier?: Name;
  value: TargetValue;
  /** The row is for these tickets only; others fall through to the next row. */
  scope?: ScopeItem;
  /** `*: 5m before appointmentAt advisory`: this row's deadline is reported, never breached. */
  advisory?: boolean;
}

export type TargetValue = FixedTarget | RelativeTarget | EveryTarget | DailyTarget | DeadlineTarget | DayCutoffTarget;

export interface FixedTarget extends Node<'Fixed'> {
  value: Value;
}
/** `5m before appointmentAt`. */
export interface RelativeTarget extends Node<'Relative'> {
  offset: Value;
  direction: 'before' | 'after';
  anchor: Name;
}
/** `every 1h` while the clock runs. */
export interface EveryTarget extends Node<'Every'> {
  interval: Value;
}
/** `daily by 17:00` while the clock runs. */
export interface DailyTarget extends Node<'Daily'> {
  time: TimeLit;
}
/** `deadline plan_completion else 24h`: an instant the ticket carries, else the fallback. */
export interface DeadlineTarget extends Node<'Deadline'> {
  deadline: Name;
  fallback?: TargetValue;
}
/** `same day` (24:00 of the start's day), `next day 17:00` (next day, or next working day on a business calendar). */
export interface DayCutoffTarget extends Node<'DayCutoff'> {
  day: 'same' | 'next';
  /** Absent: the end of that day (24:00). */
  time?: TimeLit;
}

// ---- conditions ----

export type Condition = OrCond | AndCond | NotCond | Comparison;

export interface OrCond extends Node<'Or'> {
  operands: Condition[];
}
export interface AndCond extends Node<'And'> {
  operands: Condition[];
}
export interface NotCond extends Node<'Not'> {
  operand: Condition;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'has';

/** `left op right`, or a bare operand (`left` alone) that must be true. */
export interface Comparison extends Node<'Comparison'> {
  left: Operand;
  op?: CompareOp;
  right?: Operand;
}

export type Operand = Value | Call | ListOperand;

export interface Call extends Node<'Call'> {
  callee: Name;
  args: Argument[];
}

/**
 * An argument: an operand, or a condition written in its place (`kind = complaint and
 * channel = platform`), which only share() and shareBefore() take: which reports they count.
 */
export type Argument = Operand | ConditionArg;

/** A condition given as an argument; a bare operand (`issueKey`) is kept as the operand itself. */
export interface ConditionArg extends Node<'ConditionArg'> {
  condition: Condition;
}
export interface ListOperand extends Node<'List'> {
  items: Operand[];
}

// ---- warnings and penalties ----

export interface WarningDecl extends Node<'Warning'> {
  name: Name;
  label?: StringLit;
  items: WarningItem[];
}

export type WarningItem = WhenItem | ScopeItem | NotifyItem | PlanItem;

export interface NotifyItem extends Node<'Notify'> {
  roles: Name[];
}
export interface PlanItem extends Node<'Plan'> {
  within: Value;
  /** `plan within 1d stop plan_reported`: events that meet the plan deadline; absent, it is only printed. */
  stop?: Name[];
}

// ---- routes ----

/** `route night_urgent "…" { applies to … when … to duty_manager }`: who the ticket goes to. */
export interface RouteDecl extends Node<'Route'> {
  name: Name;
  label?: StringLit;
  items: RouteItem[];
}

export type RouteItem = WhenItem | ScopeItem | RouteTo;

export interface RouteTo extends Node<'RouteTo'> {
  roles: Name[];
}

export interface PenaltiesDecl extends Node<'Penalties'> {
  label?: StringLit;
  rows: PenaltyRow[];
  /** `charge each level` | `charge highest level` (the checks allow one per block). */
  charges?: ChargeItem[];
  /** `void "…" "…" when …`, in the order written. */
  voids?: VoidItem[];
}
/** `final? charge <mode> level`: `mode` is `each` or `highest` (the checks say so), `unit` the word after it. */
export interface ChargeItem extends Node<'Charge'> {
  mode: Name;
  unit: Name;
  /** No child may choose otherwise. */
  final?: boolean;
}
/** `void "中文" "English" when <condition>`: every level a ticket reaches while it holds costs nothing. */
export interface VoidItem extends Node<'Void'> {
  zh: StringLit;
  en?: StringLit;
  when: WhenItem;
}
export interface PenaltyRow extends Node<'PenaltyRow'> {
  level: Name;
  value: Value;
  /** These points are paid by these tickets only. */
  scope?: ScopeItem;
}

export interface ComplianceDecl extends Node<'Compliance'> {
  label?: StringLit;
  rows: ComplianceRow[];
}
/** `green >= 95%`; `min` is absent for `red otherwise`. */
export interface ComplianceRow extends Node<'ComplianceRow'> {
  light: Name;
  min?: Value;
}

// ---- repeats ----

/**
 * `final? repeats "…" { case issueKey, household  within 30d  while unresolved  merge same day hotline_96310 }`:
 * when a later report of the same case is a repeat (二次投诉), read by `repeatCount`.
 */
export interface RepeatsDecl extends Node<'Repeats'> {
  label?: StringLit;
  /** No child may state another convention. */
  final?: boolean;
  items: RepeatsItem[];
}

export type RepeatsItem = RepeatsCase | RepeatsWithin | RepeatsWhileUnresolved | RepeatsMerge;

/** `case issueKey, household`: the fields that must match (besides the property) for two reports to be one case. */
export interface RepeatsCase extends Node<'RepeatsCase'> {
  fields: Name[];
}
/** `within 30d`: a report this long or less after an earlier one of the case is a repeat of it. */
export interface RepeatsWithin extends Node<'RepeatsWithin'> {
  value: Value;
}
/** `while unresolved`: a report while an earlier one of the case has no `resolved` event yet is a repeat of it. */
export type RepeatsWhileUnresolved = Node<'RepeatsWhileUnresolved'>;
/** `merge same day hotline_96310`: same-local-day reports of a case on these channels are one report. */
export interface RepeatsMerge extends Node<'RepeatsMerge'> {
  channels: Name[];
}

// ---- duties ----

/** `duty weekly_summary "…" { every fri by 17:00  owner liaison }`. */
export interface DutyDecl extends Node<'Duty'> {
  name: Name;
  label?: StringLit;
  items: DutyItem[];
}

export type DutyItem = DutyScheduleItem | DutyOwner | DutyCalendar | DutyWarning | AdvisoryItem;

/**
 * `every fri by 17:00`, `daily by 17:00`, `monthly by day 5 17:00`. Without a time the
 * occurrence is due by the end of its day; `monthly` alone, by the end of the month.
 */
export interface DutyScheduleItem extends Node<'DutySchedule'> {
  every: 'daily' | 'weekly' | 'monthly';
  /** Weekly: the weekday as written (`fri`, `周五`); checks resolve it. */
  weekday?: Name;
  /** Monthly: the word written before the day (must be `day`). */
  dayWord?: Name;
  /** Monthly: the day of the month. */
  day?: Value;
  by?: TimeLit;
}
export interface DutyOwner extends Node<'DutyOwner'> {
  role: Name;
}
export interface DutyCalendar extends Node<'DutyCalendar'> {
  calendar: Name;
}
export interface DutyWarning extends Node<'DutyWarning'> {
  level: Name;
}

// ---- tests ----

export interface TestDecl extends Node<'Test'> {
  name: StringLit;
  items: TestItem[];
}

export type TestItem = TicketBlock | AtItem | ExpectItem;

export interface TicketBlock extends Node<'Ticket'> {
  /** `ticket` is the one under test; `related` tickets share its history. */
  role: 'ticket' | 'related';
  items: TicketItem[];
}

export type TicketItem = TicketField | TicketEvent | TicketDeadline;

export interface TicketField extends Node<'TicketField'> {
  name: Name;
  values: Value[];
}
export interface TicketEvent extends Node<'TicketEvent'> {
  event: Name;
  at: DateTimeLit;
}
/** `deadline plan_completion 2026-03-05T17:00+08:00`: an instant the ticket carries. */
export interface TicketDeadline extends Node<'TicketDeadline'> {
  deadline: Name;
  at: DateTimeLit;
}

export interface AtItem extends Node<'At'> {
  at: DateTimeLit;
}

export type ExpectItem = ExpectClock | ExpectWarning | ExpectPenalty;

/** `expect contact met`, `expect contact due 2026-03-02T08:15+08:00`. */
export interface ExpectClock extends Node<'ExpectClock'> {
  clock: Name;
  state: Name;
  at?: DateTimeLit;
}
export interface ExpectWarning extends Node<'ExpectWarning'> {
  level: Name;
}
export interface ExpectPenalty extends Node<'ExpectPenalty'> {
  value: Value;
}

export type AnyNode =
  | Module
  | Header
  | Declaration
  | CalendarItem
  | TimeRange
  | Member
  | Value
  | ClockItem
  | TargetRow
  | TargetValue
  | Condition
  | Operand
  | ConditionArg
  | WarningItem
  | RouteItem
  | PenaltyRow
  | ChargeItem
  | VoidItem
  | ComplianceRow
  | DutyItem
  | RepeatsItem
  | TestItem
  | TicketItem
  | Name;

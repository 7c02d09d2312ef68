// Ticket fields and functions a condition may use, declared once with their
// types. The checker reads the signatures; the evaluator (engine/evaluate)
// will implement each under the same name.

/** The types a value can have; `enum:<attribute>` for a classification. */
export type ValueType =
  | 'duration'
  | 'workdays'
  | 'percent'
  | 'points'
  | 'count'
  | 'time'
  | 'date'
  | 'instant'
  | 'text'
  | 'flags'
  | 'clock'
  | 'field'
  /** A condition on the reporting ticket's own fields: which reports share() counts. */
  | 'filter'
  | `enum:${string}`;

export const PARAM_TYPES = ['duration', 'workdays', 'percent', 'points', 'count'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** Fields of the ticket contract that every policy may test. */
export const TICKET_FIELDS: Record<string, ValueType> = {
  id: 'text',
  property: 'text',
  unit: 'text',
  category: 'enum:categories',
  priority: 'enum:tiers',
  issueKey: 'text',
  household: 'text',
  repeatCount: 'count',
  flags: 'flags',
  createdAt: 'instant',
  appointmentAt: 'instant',
};

/** Ticket times a target may be relative to (`5m before appointmentAt`). */
export const INSTANT_FIELDS = Object.keys(TICKET_FIELDS).filter((k) => TICKET_FIELDS[k] === 'instant');

export interface FunctionSignature {
  params: ValueType[];
  /** How many trailing params may be left out. */
  optional: number;
  returns: ValueType;
  doc: string;
}

export const FUNCTIONS: Record<string, FunctionSignature> = {
  overdue: {
    params: ['clock'],
    optional: 1,
    returns: 'duration',
    doc: 'How far past its due time a clock is (0 when not late); without an argument, the most overdue clock.',
  },
  elapsed: {
    params: ['clock'],
    optional: 0,
    returns: 'duration',
    doc: 'Service time a clock has run so far.',
  },
  // The fourth argument of share() and shareBefore() (optional) says which reports count:
  // a condition on each reporting ticket's own fields, e.g. the platform complaints that
  // 004 第十一条 counts (kind = complaint and channel = platform). Without it every report counts.
  share: {
    params: ['field', 'duration', 'count', 'filter'],
    optional: 1,
    returns: 'percent',
    doc: "Distinct households reporting the same value of a field within a window, over a household count; a fourth argument, a condition on the reporting ticket's own fields, counts only the reports it holds for: share(issueKey, 30d, households(), kind = complaint and channel = platform).",
  },
  shareBefore: {
    params: ['field', 'duration', 'count', 'filter'],
    optional: 1,
    returns: 'percent',
    doc: 'The same share without this ticket (and with the same fourth argument, the same reports): with share() it finds the one ticket that crosses a threshold.',
  },
  // 004 第十一条(三)3 counts against “总住户”: the property's record in the store, an
  // evaluation input (EvaluateOptions.property), never a value the property's policy sets.
  households: {
    params: [],
    optional: 0,
    returns: 'count',
    doc: "The property's total households, from its record (the store's organisations, or the evaluation input): share(issueKey, 30d, households()).",
  },
};

/** The function that reads the property's household count (evaluation input). */
export const PROPERTY_HOUSEHOLDS = 'households';

/** Durations and working days measure the same thing: lateness. */
export function comparable(a: ValueType, b: ValueType): boolean {
  if (a === b) return true;
  const lateness = (t: ValueType) => t === 'duration' || t === 'workdays';
  return lateness(a) && lateness(b);
}

export const CLOCK_STATES = ['not_started', 'running', 'paused', 'met', 'breached', 'late'] as const;
/** `expect <clock> due <instant>` pins the due time rather than a state. */
export const CLOCK_EXPECTATIONS = [...CLOCK_STATES, 'due'] as const;
export const WARNING_NONE = 'none';

// The type of a written value, as checks see it.
import { durationText, type Value } from '../../grammar/index.js';
import { PARAM_TYPES, type ParamType, type ValueType } from '../builtins.js';
import type { EffectivePolicy, EffectiveParam } from '../effective.js';

/** `any` for the placeholder [X], which fits every type until it is filled. */
export type Typed = ValueType | 'any' | undefined;

const LITERAL_TYPES: Partial<Record<Value['kind'], ValueType>> = {
  Duration: 'duration',
  Workdays: 'workdays',
  Percent: 'percent',
  Points: 'points',
  Number: 'count',
  Time: 'time',
  Date: 'date',
  DateTime: 'instant',
  String: 'text',
};

export function isParamType(name: string): name is ParamType {
  return (PARAM_TYPES as readonly string[]).includes(name);
}

/** The declared type of a parameter, or the type of its first value. */
export function paramType(policy: EffectivePolicy, param: EffectiveParam, seen?: Set<string>): Typed {
  const declared = param.type?.node.text;
  if (declared !== undefined) return isParamType(declared) ? declared : undefined;
  const first = param.history[0]?.node.value;
  if (!first) return undefined;
  // The set of parameters followed is made only when one is followed (most are typed, most values literal).
  return typeOfValue(policy, first, (seen ?? new Set()).add(param.name));
}

export function typeOfValue(policy: EffectivePolicy, value: Value, seen?: Set<string>): Typed {
  if (value.kind === 'Placeholder') return 'any';
  if (value.kind === 'NameRef') {
    const param = policy.params.get(value.name.text);
    if (!param || seen?.has(param.name)) return undefined;
    return paramType(policy, param, seen);
  }
  return LITERAL_TYPES[value.kind];
}

const TYPE_WORDS: Record<string, string> = {
  duration: 'a duration (15m, 2h, 3d)',
  workdays: 'working days (2 workdays)',
  percent: 'a percentage (5%)',
  points: 'points (0.5 points)',
  count: 'a whole number',
  time: 'a time of day (08:30)',
  date: 'a date (2026-10-01)',
  instant: 'a date and time (2026-03-02T08:00+08:00)',
  text: 'a quoted text',
  flags: 'the ticket flags',
  clock: 'a clock name',
  field: 'a ticket field name',
  filter: "a condition on the reporting ticket's own fields (kind = complaint and channel = platform)",
};

export function describeType(type: Typed): string {
  if (type === undefined) return 'an unknown value';
  if (type === 'any') return 'a placeholder';
  if (type.startsWith('enum:')) return `one of the ${type.slice(5)}`;
  return TYPE_WORDS[type] ?? type;
}

/** Whether a value of type `actual` may stand where `expected` is wanted. */
export function fits(actual: Typed, expected: readonly ValueType[]): boolean {
  return actual === undefined || actual === 'any' || expected.includes(actual);
}

/** Follows parameter references to the value that is finally written. */
export function resolveValue(policy: EffectivePolicy, value: Value, seen?: Set<string>): Value {
  if (value.kind !== 'NameRef') return value;
  const param = policy.params.get(value.name.text);
  if (!param || seen?.has(param.name)) return value;
  // The set is made only for a name: most values are literals.
  (seen ??= new Set()).add(param.name);
  return resolveValue(policy, param.value.node, seen);
}

/** A comparable magnitude for thresholds: minutes, working days, or the number itself. */
export function magnitude(value: Value): { unit: string; amount: number } | undefined {
  const sign = 'negative' in value && value.negative ? -1 : 1;
  switch (value.kind) {
    case 'Duration':
      return { unit: 'minutes', amount: sign * value.minutes };
    case 'Workdays':
      return { unit: 'workdays', amount: sign * value.days };
    case 'Percent':
    case 'Points':
    case 'Number':
      return { unit: value.kind, amount: sign * value.value };
    default:
      return undefined;
  }
}

/** A magnitude as a manager would write it: 3d, 2 workdays, 5%, 0.5 points. */
export function describeMagnitude(m: { unit: string; amount: number }): string {
  switch (m.unit) {
    case 'minutes':
      return m.amount < 0 ? `-${durationText(-m.amount)}` : durationText(m.amount);
    case 'workdays':
      return `${m.amount} workday${m.amount === 1 ? '' : 's'}`;
    case 'Percent':
      return `${m.amount}%`;
    case 'Points':
      return `${m.amount} point${m.amount === 1 ? '' : 's'}`;
    default:
      return String(m.amount);
  }
}

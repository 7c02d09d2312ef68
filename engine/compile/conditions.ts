// Conditions compiled to closures: a fast `test` for every ticket, and an
// `explain` that says which comparisons held and since when, used only when a
// condition is true (a warning is raised) or a trace is asked for.
import type * as A from '../../grammar/index.js';
import { conditionText, durationText, valueText } from '../../grammar/index.js';
import { PROPERTY_HOUSEHOLDS } from '../builtins.js';
import { resolveValue } from '../checks/value-types.js';
import type { EffectivePolicy } from '../effective.js';
import type { Ticket } from '../ticket.js';
import { conditionKey } from './condition-key.js';
import type { CompiledCondition, ConditionEnv, ConditionPart, Lateness, ServiceCalendar, ShareFilter, SourceRef, TicketFacts } from './types.js';

type Kind = 'lateness' | 'duration' | 'workdays' | 'number' | 'text' | 'flags' | 'instant' | 'unfilled' | 'list';

interface Operand {
  kind: Kind;
  text: string;
  get(env: ConditionEnv): unknown;
  /** A literal (or a list of them): `get` gives this whatever the ticket, so a comparison can hold it instead of calling `get`. */
  fixed?: { value: unknown };
  /** The ticket field `get` reads as it stands (`field(name)`), when that is all it reads. */
  field?: string;
}

interface Scope {
  policy: EffectivePolicy;
  clockIndex: ReadonlyMap<string, number>;
  fields: ReadonlySet<string>;
  /** The policy's calendars by name, for `createdAt in online` (an instant within service hours). */
  calendar?: (name: string) => ServiceCalendar;
  /** share() filters compiled so far, by key: share and shareBefore with the same filter get one object. */
  shareFilters?: Map<string, ShareFilter>;
}

/** True when the condition reads households(), the property's record (anywhere, e.g. as share()'s count). */
export function readsHouseholds(c: A.Condition): boolean {
  if (c.kind === 'Or' || c.kind === 'And') return c.operands.some(readsHouseholds);
  if (c.kind === 'Not') return readsHouseholds(c.operand);
  const inOperand = (o: A.Argument | undefined): boolean =>
    o?.kind === 'Call' ? o.callee.text === PROPERTY_HOUSEHOLDS || o.args.some(inOperand) : o?.kind === 'List' ? o.items.some(inOperand) : o?.kind === 'ConditionArg' ? readsHouseholds(o.condition) : false;
  return inOperand(c.left) || inOperand(c.right);
}

const NO_FLAGS: ReadonlySet<string> = new Set();
const NO_COUNT = (): number => 0;

/**
 * The facts of the report a share() filter is asked about: one object per filter, pointed at
 * each report in turn, so that the filter is the same compiled condition a `when` is. A filter
 * reads only the report's own fields and flags (the checker refuses anything else, C143).
 */
class ReportFacts implements TicketFacts {
  ticket: Ticket | undefined;
  readonly createdMs = Number.NaN;

  get flags(): ReadonlySet<string> {
    const flags = this.ticket?.flags;
    return flags && flags.length > 0 ? new Set(flags) : NO_FLAGS;
  }

  field(name: string): unknown {
    return (this.ticket as Record<string, unknown> | undefined)?.[name];
  }

  instant(): number | null {
    return null;
  }

  deadline(): number | null {
    return null;
  }
}

/**
 * share()'s fourth argument compiled: a test on each reporting ticket's own fields. Filters
 * with the same key (parameters resolved) are one object per scope, so the share and the
 * shareBefore of one rule, and the rules of one policy, ask a context for one report list.
 */
export function shareFilterOf(condition: A.Condition, scope: Scope): ShareFilter {
  const key = JSON.stringify(conditionKey(scope.policy, condition));
  const known = scope.shareFilters?.get(key);
  if (known) return known;
  const holds = compileNode(condition, scope).test;
  const facts = new ReportFacts();
  // Nothing but the facts is read (C143); the rest answers as for a ticket alone.
  const env: ConditionEnv = { facts, lateness: [], elapsed: [], households: NO_COUNT, householdsBefore: NO_COUNT, repeats: NO_COUNT, propertyHouseholds: () => null };
  const test = (ticket: Ticket): boolean => {
    facts.ticket = ticket;
    return holds(env);
  };
  const filter: ShareFilter = Object.freeze({ key, test });
  (scope.shareFilters ??= new Map()).set(key, filter);
  return filter;
}

const NEVER = Number.POSITIVE_INFINITY;

function constant(kind: Kind, value: unknown, text: string): Operand {
  return { kind, text, get: () => value, fixed: { value } };
}

function literal(value: A.Value, scope: Scope): Operand {
  const v = resolveValue(scope.policy, value);
  const text = value.kind === 'NameRef' ? value.name.text : valueText(v);
  const sign = 'negative' in v && v.negative ? -1 : 1;
  switch (v.kind) {
    case 'Duration':
      return constant('duration', sign * v.minutes, text);
    case 'Workdays':
      return constant('workdays', sign * v.days, text);
    case 'Percent':
    case 'Points':
    case 'Number':
      return constant('number', sign * v.value, text);
    case 'Placeholder':
      return constant('unfilled', undefined, text);
    case 'NameRef':
      return constant('text', v.name.text, text);
    case 'String':
      return constant('text', v.value, text);
    case 'DateTime':
      return constant('instant', Date.parse(v.text), text);
    default:
      return constant('text', 'text' in v ? v.text : '', text);
  }
}

/** A written value (not a call, a list or a condition). */
export function isValue(a: A.Argument): a is A.Value {
  return a.kind !== 'Call' && a.kind !== 'List' && a.kind !== 'ConditionArg';
}

function mostLate(lateness: readonly (Lateness | undefined)[]): Lateness | undefined {
  let worst: Lateness | undefined;
  for (const l of lateness) if (l && (!worst || l.minutes > worst.minutes)) worst = l;
  return worst;
}

function operand(o: A.Operand, scope: Scope): Operand {
  if (o.kind === 'List') {
    const items = o.items.map((i) => operand(i, scope));
    const text = `(${items.map((i) => i.text).join(', ')})`;
    if (items.every((i) => i.fixed)) {
      // Read by `in` only, never changed: one array for every ticket.
      const values = items.map((i) => i.fixed!.value);
      return { kind: 'list', text, get: () => values, fixed: { value: values } };
    }
    return { kind: 'list', text, get: (env) => items.map((i) => i.get(env)) };
  }
  if (o.kind === 'Call') {
    const args = o.args;
    const text = `${o.callee.text}(${args.map((a) => (a.kind === 'NameRef' ? a.name.text : a.kind === 'ConditionArg' ? conditionText(a.condition) : a.kind)).join(', ')})`;
    switch (o.callee.text) {
      case 'overdue': {
        const first = args[0];
        if (!first || first.kind !== 'NameRef') return { kind: 'lateness', text, get: (env) => mostLate(env.lateness) };
        const index = scope.clockIndex.get(first.name.text) ?? -1;
        return { kind: 'lateness', text, get: (env) => env.lateness[index] };
      }
      case 'elapsed': {
        const first = args[0];
        const index = first?.kind === 'NameRef' ? (scope.clockIndex.get(first.name.text) ?? -1) : -1;
        return { kind: 'duration', text, get: (env) => env.elapsed[index] ?? 0 };
      }
      case 'share':
      case 'shareBefore': {
        const [field, window, total, which] = args;
        const fieldName = field?.kind === 'NameRef' ? field.name.text : 'issueKey';
        const windowOp = window && isValue(window) ? literal(window, scope) : constant('unfilled', undefined, '[X]');
        if (windowOp.kind === 'unfilled') return constant('unfilled', undefined, text);
        // The fourth argument, when given, must be a condition (the checker says so, C301).
        if (which && which.kind !== 'ConditionArg') return constant('unfilled', undefined, text);
        const filter = which ? shareFilterOf(which.condition, scope) : undefined;
        const windowMinutes = windowOp.get(undefined as never) as number;
        const before = o.callee.text === 'shareBefore';
        const count = filter
          ? (env: ConditionEnv) => (before ? env.householdsBefore(fieldName, windowMinutes, filter) : env.households(fieldName, windowMinutes, filter))
          : (env: ConditionEnv) => (before ? env.householdsBefore(fieldName, windowMinutes) : env.households(fieldName, windowMinutes));
        const filterText = which ? `, ${conditionText(which.condition)}` : '';
        if (total?.kind === 'Call' && total.callee.text === PROPERTY_HOUSEHOLDS) {
          // The property's record, an evaluation input: unknown (absent or 0) is NaN, so no
          // comparison with it holds and the rule does not fire; the result carries E340.
          return {
            kind: 'number',
            text: `${o.callee.text}(${fieldName}, ${windowOp.text}, households()${filterText})`,
            get: (env) => {
              const households = env.propertyHouseholds();
              return households === null ? Number.NaN : (100 * count(env)) / households;
            },
          };
        }
        const totalOp = total && isValue(total) ? literal(total, scope) : constant('unfilled', undefined, '[X]');
        if (totalOp.kind === 'unfilled') return constant('unfilled', undefined, text);
        const households = totalOp.get(undefined as never) as number;
        return { kind: 'number', text, get: (env) => (households > 0 ? (100 * count(env)) / households : 0) };
      }
      default:
        return constant('unfilled', undefined, text);
    }
  }
  if (o.kind === 'NameRef' && scope.fields.has(o.name.text)) {
    const name = o.name.text;
    if (name === 'flags') return { kind: 'flags', text: name, get: (env) => env.facts.flags };
    if (name === 'createdAt' || name === 'appointmentAt') return { kind: 'instant', text: name, get: (env) => env.facts.instant(name) };
    if (name === 'repeatCount') return { kind: 'number', text: name, get: (env) => env.repeats() };
    return { kind: 'text', text: name, get: (env) => env.facts.field(name), field: name };
  }
  return literal(o, scope);
}

/** `<instant> in <calendar>`: the calendar named on the right, when it is one. */
function withinCalendar(o: { op: A.CompareOp | undefined; right: A.Operand | undefined }, scope: Scope): { name: string; calendar: ServiceCalendar } | undefined {
  if (o.op !== 'in' || o.right?.kind !== 'NameRef' || !scope.calendar || !scope.policy.calendars.has(o.right.name.text)) return undefined;
  return { name: o.right.name.text, calendar: scope.calendar(o.right.name.text) };
}

/**
 * True when the instant falls in the calendar's service hours, its intervals taken as
 * [from, to): with `mon-sun 07:00-22:00`, 21:59 is in and 22:00 is not (001 二(一)'s night).
 * A ticket without the instant is in no calendar.
 */
function inServiceHours(left: Operand, calendar: ServiceCalendar): (env: ConditionEnv) => boolean {
  if (calendar.always) return (env) => typeof left.get(env) === 'number';
  return (env) => {
    const ms = left.get(env);
    return typeof ms === 'number' && Number.isFinite(ms) && calendar.serviceMinutesBetween(ms, ms + 1) > 0;
  };
}

const MIRROR: Partial<Record<A.CompareOp, A.CompareOp>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '!=': '!=' };

/**
 * A comparison with the ticket's measure on the left: `3h <= overdue(resolve)` is
 * read as `overdue(resolve) >= 3h`, so both ways of writing it mean the same
 * (here and in the json-rules export). `swapped` says the written order differs.
 */
export function oriented(c: A.Comparison, fields: ReadonlySet<string>): { left: A.Operand; op: A.CompareOp | undefined; right: A.Operand | undefined; swapped: boolean } {
  const measured = (o: A.Operand) => o.kind === 'Call' || (o.kind === 'NameRef' && fields.has(o.name.text));
  const mirror = c.op ? MIRROR[c.op] : undefined;
  if (c.right && mirror && !measured(c.left) && measured(c.right)) return { left: c.right, op: mirror, right: c.left, swapped: true };
  return { left: c.left, op: c.op, right: c.right, swapped: false };
}

function compare(op: A.CompareOp | undefined, left: Operand, right: Operand | undefined): (env: ConditionEnv) => boolean {
  if (!op || !right || left.kind === 'unfilled' || right.kind === 'unfilled') return () => false;
  // Against a literal (most comparisons), the value is held here rather than fetched per ticket.
  const fixed = right.fixed;
  if (op === 'has') {
    if (fixed) return (env) => (left.get(env) as ReadonlySet<string>).has(fixed.value as string);
    return (env) => (left.get(env) as ReadonlySet<string>).has(right.get(env) as string);
  }
  if (op === 'in') {
    if (fixed) return (env) => (fixed.value as unknown[]).includes(left.get(env));
    return (env) => (right.get(env) as unknown[]).includes(left.get(env));
  }
  if (left.kind === 'lateness' || right.kind === 'lateness') {
    // A lateness is measured in the unit of what it is compared with (`overdue(a) >= elapsed(b)`: minutes).
    const amount = (o: Operand, other: Operand): ((env: ConditionEnv) => number) => {
      if (o.kind !== 'lateness') return (env) => o.get(env) as number;
      return other.kind === 'workdays' ? (env) => (o.get(env) as Lateness | undefined)?.workdays ?? 0 : (env) => (o.get(env) as Lateness | undefined)?.minutes ?? 0;
    };
    return numeric(op, amount(left, right), amount(right, left));
  }
  if (left.kind === 'text' || op === '=' || op === '!=') {
    if (fixed) {
      const value = fixed.value;
      return op === '!=' ? (env) => left.get(env) !== value : (env) => left.get(env) === value;
    }
    return op === '!=' ? (env) => left.get(env) !== right.get(env) : (env) => left.get(env) === right.get(env);
  }
  return numeric(op, (env) => left.get(env) as number, (env) => right.get(env) as number);
}

function numeric(op: A.CompareOp, l: (env: ConditionEnv) => number, r: (env: ConditionEnv) => number): (env: ConditionEnv) => boolean {
  switch (op) {
    case '<':
      return (env) => l(env) < r(env);
    case '<=':
      return (env) => l(env) <= r(env);
    case '>':
      return (env) => l(env) > r(env);
    case '>=':
      return (env) => l(env) >= r(env);
    case '!=':
      return (env) => l(env) !== r(env);
    default:
      return (env) => l(env) === r(env);
  }
}

/** Since when a true comparison has held: a lateness threshold is crossed after the due time; anything else holds from the ticket's creation. */
function sinceOf(left: Operand, right: Operand | undefined, op: A.CompareOp | undefined): (env: ConditionEnv) => number {
  if (left.kind === 'lateness' && right && (op === '>=' || op === '>')) {
    return (env) => {
      const l = left.get(env) as Lateness | undefined;
      if (!l) return env.facts.createdMs;
      const amount = right.get(env) as number;
      if (right.kind !== 'workdays') return l.dueMs + amount * 60_000;
      return l.calendar.always ? l.dueMs + amount * 86_400_000 : l.calendar.endOfNthWorkingDayAfter(l.dueMs, amount);
    };
  }
  return (env) => env.facts.createdMs;
}

function actualText(left: Operand, v: unknown): { zh: string; en: string } {
  if (left.kind === 'lateness') {
    const l = v as Lateness | undefined;
    const late = l ? durationText(Math.round(l.minutes)) : '0m';
    return { zh: `实际超时 ${late}（${l?.workdays ?? 0} 个工作日）`, en: `actually ${late} late (${l?.workdays ?? 0} working days)` };
  }
  if (left.kind === 'instant') return { zh: `实际 ${typeof v === 'number' ? new Date(v).toISOString() : '—'}`, en: `actually ${typeof v === 'number' ? new Date(v).toISOString() : '—'}` };
  if (left.kind === 'flags') return { zh: `标记：${[...(v as Set<string>)].join('、') || '无'}`, en: `flags: ${[...(v as Set<string>)].join(', ') || 'none'}` };
  const shown = typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v ?? '—');
  return { zh: `实际 ${shown}`, en: `actually ${shown}` };
}

/**
 * One comparison's part of an explanation. Its words (the comparison with what the ticket
 * actually had) are written when first read: a warning's reason reads only the parts that
 * held, and a ticket at a level is explained on every evaluation. The value is read at
 * once, so the words are the ones of this evaluation whenever they are read.
 */
class ComparisonPart implements ConditionPart {
  private words: { zh: string; en: string } | undefined;

  constructor(
    readonly text: string,
    readonly holds: boolean,
    readonly since: number,
    private readonly left: Operand,
    private readonly value: unknown,
  ) {}

  get detail(): { zh: string; en: string } {
    if (!this.words) {
      const actual = actualText(this.left, this.value);
      this.words = { zh: `${this.text}（${actual.zh}）`, en: `${this.text} (${actual.en})` };
    }
    return this.words;
  }
}

interface Compiled {
  test(env: ConditionEnv): boolean;
  explain(env: ConditionEnv): { holds: boolean; since: number; parts: ConditionPart[] };
  /** See CompiledCondition.fields; null when the condition reads anything else. */
  fields: string[] | null;
}

/** The fields a condition of parts reads, when every part reads only fields. */
function fieldsOfAll(parts: readonly Compiled[]): string[] | null {
  const fields = new Set<string>();
  for (const p of parts) {
    if (!p.fields) return null;
    for (const f of p.fields) fields.add(f);
  }
  return [...fields];
}

/** The fields a comparison reads, when it compares fields with literals or with each other and nothing else. */
function fieldsOfComparison(left: Operand, right: Operand | undefined): string[] | null {
  const of = (o: Operand): string[] | null => (o.field !== undefined ? [o.field] : o.fixed ? [] : null);
  const l = of(left);
  const r = right ? of(right) : [];
  return l && r ? [...new Set([...l, ...r])] : null;
}

function compileNode(c: A.Condition, scope: Scope): Compiled {
  switch (c.kind) {
    case 'Or': {
      const parts = c.operands.map((o) => compileNode(o, scope));
      return {
        fields: fieldsOfAll(parts),
        test: (env) => {
          // A loop, not parts.some(): some() would make a closure over env on every test.
          for (let i = 0; i < parts.length; i++) if (parts[i]!.test(env)) return true;
          return false;
        },
        explain: (env) => {
          let holds = false;
          let since = NEVER;
          const all: ConditionPart[] = [];
          for (const p of parts) {
            const r = p.explain(env);
            if (r.holds) since = holds ? Math.min(since, r.since) : r.since;
            holds ||= r.holds;
            for (const part of r.parts) all.push(part);
          }
          return { holds, since, parts: all };
        },
      };
    }
    case 'And': {
      const parts = c.operands.map((o) => compileNode(o, scope));
      return {
        fields: fieldsOfAll(parts),
        test: (env) => {
          for (let i = 0; i < parts.length; i++) if (!parts[i]!.test(env)) return false;
          return true;
        },
        explain: (env) => {
          let holds = true;
          let since = Number.NEGATIVE_INFINITY;
          const all: ConditionPart[] = [];
          for (const p of parts) {
            const r = p.explain(env);
            holds &&= r.holds;
            since = Math.max(since, r.since);
            for (const part of r.parts) all.push(part);
          }
          return { holds, since: holds ? since : NEVER, parts: all };
        },
      };
    }
    case 'Not': {
      const inner = compileNode(c.operand, scope);
      return {
        fields: inner.fields,
        test: (env) => !inner.test(env),
        explain: (env) => {
          const holds = !inner.test(env);
          return { holds, since: holds ? env.facts.createdMs : NEVER, parts: [] };
        },
      };
    }
    case 'Comparison': {
      const o = oriented(c, scope.fields);
      const left = operand(o.left, scope);
      const within = withinCalendar(o, scope);
      const right = within ? constant('text', within.name, within.name) : o.right ? operand(o.right, scope) : undefined;
      const test = within ? inServiceHours(left, within.calendar) : compare(o.op, left, right);
      const since = sinceOf(left, right, o.op);
      const text = !right ? left.text : o.swapped ? `${right.text} ${c.op} ${left.text}` : `${left.text} ${c.op} ${right.text}`;
      return {
        // `createdAt in online` reads an instant, which is no field: it is not kept.
        fields: fieldsOfComparison(left, right),
        test,
        explain: (env) => {
          const holds = test(env);
          const from = holds ? since(env) : NEVER;
          return { holds, since: from, parts: [new ComparisonPart(text, holds, from, left, left.get(env))] };
        },
      };
    }
  }
}

export function compileCondition(condition: A.Condition, scope: Scope, source: SourceRef): CompiledCondition {
  const compiled = compileNode(condition, scope);
  const result: CompiledCondition = { test: compiled.test, explain: compiled.explain, source };
  if (compiled.fields) result.fields = Object.freeze(compiled.fields);
  return result;
}

export type { Scope as ConditionScope };

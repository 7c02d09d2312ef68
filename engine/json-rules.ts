// Warning, notification and penalty rules as json-rules-engine rules, for
// systems that already run it (`beacon compile --target json-rules-engine`),
// and as an oracle: a test runs both over the whole corpus and requires the
// same levels. Clocks stay in the engine; their outcomes enter as facts.
//
// Facts: `ticket` (the ticket's fields, flags and repeatCount), `overdue`
// ({ <clock>: { minutes, workdays }, "*": the latest clock }), `elapsed`
// ({ <clock>: minutes }), `share` ({ "<field>/<window minutes>/<households>": percent, or
// "<field>/<window minutes>/<households>/<filter key>" for a share() with a fourth argument }).
import type { NestedCondition, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import type * as A from '../grammar/index.js';
import { conditionText } from '../grammar/index.js';
import { resolveValue } from './checks/value-types.js';
import { conditionKey } from './compile/condition-key.js';
import { isValue, oriented } from './compile/conditions.js';
import type { CompiledPolicy, ShareFilter } from './compile/types.js';
import type { EffectivePolicy } from './effective.js';
import { PROPERTY_HOUSEHOLDS } from './builtins.js';
import type { CoreResult } from './evaluate/core.js';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

interface Side {
  fact: string;
  path?: string;
  value?: Json;
  unit?: 'minutes' | 'workdays';
}

const OPERATORS: Record<string, string> = {
  '=': 'equal',
  '!=': 'notEqual',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
  in: 'in',
  has: 'contains',
};

function literal(policy: EffectivePolicy, v: A.Value): { value: Json; unit?: 'minutes' | 'workdays' } | undefined {
  const r = resolveValue(policy, v);
  const sign = 'negative' in r && r.negative ? -1 : 1;
  switch (r.kind) {
    case 'Duration':
      return { value: sign * r.minutes, unit: 'minutes' };
    case 'Workdays':
      return { value: sign * r.days, unit: 'workdays' };
    case 'Percent':
    case 'Points':
    case 'Number':
      return { value: sign * r.value };
    case 'NameRef':
      return { value: r.name.text };
    case 'String':
      return { value: r.value };
    case 'Placeholder':
      return undefined;
    default:
      return { value: r.text };
  }
}

/**
 * The share fact of one share() call: field, window, household count and, when the call has a
 * fourth argument, the filter as written (`kind = complaint and channel = platform`), so that two
 * calls differing in any get two facts. JSONPath reads commas and brackets inside `$['…']`
 * as its own syntax, so those (and anything but letters, digits and a few signs) are %-escaped.
 */
function shareKey(field: string, window: unknown, households: unknown, filter?: A.ConditionArg): string {
  const key = `${field}/${String(window)}/${String(households)}`;
  return filter ? `${key}/${conditionText(filter.condition).replace(/[^\p{L}\p{N} _=!<>"-]/gu, (c) => encodeURIComponent(c))}` : key;
}

/** share()'s household count: a written value, or `households()` (the property's record, a fact of the evaluation). */
function totalOf(policy: EffectivePolicy, total: A.Argument | undefined): { value: unknown } | undefined {
  if (total?.kind === 'Call') return total.callee.text === PROPERTY_HOUSEHOLDS ? { value: `${PROPERTY_HOUSEHOLDS}()` } : undefined;
  return total && isValue(total) ? literal(policy, total) : undefined;
}

/** share()'s fourth argument, or null when the call has one that is no condition (the checker refuses it). */
function filterArg(which: A.Argument | undefined): A.ConditionArg | undefined | null {
  if (!which) return undefined;
  return which.kind === 'ConditionArg' ? which : null;
}

function side(policy: EffectivePolicy, o: A.Operand, fields: ReadonlySet<string>): Side | undefined {
  if (o.kind === 'Call') {
    const first = o.args[0];
    // The latest clock is the key "*", which JSONPath reads as a wildcard unless escaped with a backtick.
    const clock = first?.kind === 'NameRef' ? first.name.text : '`*';
    if (o.callee.text === 'overdue') return { fact: 'overdue', path: `$['${clock}']` };
    if (o.callee.text === 'elapsed') return { fact: 'elapsed', path: `$['${clock}']` };
    if (o.callee.text === 'share' || o.callee.text === 'shareBefore') {
      const field = first?.kind === 'NameRef' ? first.name.text : 'issueKey';
      const window = o.args[1] && isValue(o.args[1]) ? literal(policy, o.args[1]) : undefined;
      const households = totalOf(policy, o.args[2]);
      const filter = filterArg(o.args[3]);
      if (!window || !households || filter === null) return undefined;
      return { fact: o.callee.text, path: `$['${shareKey(field, window.value, households.value, filter)}']` };
    }
    return undefined;
  }
  if (o.kind === 'List') return { fact: '', value: o.items.map((i) => (i.kind === 'Call' || i.kind === 'List' ? null : (literal(policy, i)?.value ?? null))) };
  if (o.kind === 'NameRef' && fields.has(o.name.text)) return { fact: 'ticket', path: `$.${o.name.text}` };
  const lit = literal(policy, o);
  return lit ? { fact: '', ...lit } : undefined;
}

/** An always-false condition: a comparison with an unfilled [X] never holds. */
const NEVER: NestedCondition = { fact: 'ticket', path: '$.id', operator: 'equal', value: { unreachable: true } as unknown as Json } as NestedCondition;

function condition(policy: EffectivePolicy, c: A.Condition, fields: ReadonlySet<string>): NestedCondition {
  switch (c.kind) {
    case 'Or':
      return { any: c.operands.map((o) => condition(policy, o, fields)) };
    case 'And':
      return { all: c.operands.map((o) => condition(policy, o, fields)) };
    case 'Not':
      return { not: condition(policy, c.operand, fields) };
    case 'Comparison': {
      // `3h <= overdue(x)` is exported as `overdue(x) >= 3h`, as the engine reads it.
      const o = oriented(c, fields);
      const left = side(policy, o.left, fields);
      const right = o.right ? side(policy, o.right, fields) : undefined;
      if (!left || !right || !o.op || left.fact === '') return NEVER;
      // A lateness is compared in the unit of what it is measured against.
      const pathOf = (s: Side, other: Side) => (s.fact === 'overdue' ? `${s.path}.${other.unit === 'workdays' ? 'workdays' : 'minutes'}` : s.path);
      // A measure on the right too (`overdue(a) >= elapsed(b)`) is a fact reference.
      const rightPath = pathOf(right, left);
      const value: Json = right.fact === '' ? (right.value ?? null) : rightPath ? { fact: right.fact, path: rightPath } : { fact: right.fact };
      const out: Record<string, Json> = { fact: left.fact, operator: OPERATORS[o.op] ?? 'equal', value };
      const path = pathOf(left, right);
      if (path) out['path'] = path;
      return out as unknown as NestedCondition;
    }
  }
}

/** The filter the policy compiled for a share()'s fourth argument (CompiledPolicy.shares, by key). */
function compiledFilter(policy: CompiledPolicy, condition: A.Condition): ShareFilter | undefined {
  const key = JSON.stringify(conditionKey(policy.effective, condition));
  return policy.shares.find((s) => s.filter?.key === key)?.filter;
}

export function toJsonRules(policy: CompiledPolicy): RuleProperties[] {
  const fields = new Set(['id', 'property', 'unit', 'category', 'priority', 'issueKey', 'household', 'repeatCount', 'flags', 'createdAt', 'appointmentAt', ...policy.attributes.keys()]);
  return policy.warnings.map((w) => {
    const effective = policy.effective.warnings.get(w.name);
    const source = effective?.when?.node.condition;
    const when = source ? condition(policy.effective, source, fields) : NEVER;
    // A level's scope (`applies to`) is one more condition the ticket must meet.
    const scope = effective?.scope ? condition(policy.effective, effective.scope.node.condition, fields) : undefined;
    const top = scope ? ({ all: [scope, when] } as NestedCondition) : when;
    const conditions: TopLevelCondition = 'any' in top || 'all' in top || 'not' in top ? (top as TopLevelCondition) : { all: [top] };
    return {
      name: w.name,
      // Higher levels first, so a consumer that stops at the first event gets the top level.
      priority: w.index + 1,
      conditions,
      event: {
        type: 'warning',
        params: {
          level: w.name,
          ...(w.label ? { label: w.label } : {}),
          points: w.points,
          notify: w.notify,
          planWithin: w.planWithin,
        },
      },
    };
  });
}

/** The facts json-rules-engine needs for one ticket, from the engine's own clock outcomes. */
export function factsFor(policy: CompiledPolicy, core: CoreResult): Record<string, Json> {
  const overdue: Record<string, Json> = {};
  const elapsed: Record<string, Json> = {};
  let worst = { minutes: 0, workdays: 0 };
  policy.clocks.forEach((clock, i) => {
    const l = core.env.lateness[i];
    const late = { minutes: l?.minutes ?? 0, workdays: l?.workdays ?? 0 };
    overdue[clock.name] = late;
    elapsed[clock.name] = core.env.elapsed[i] ?? 0;
    if (late.minutes > worst.minutes) worst = late;
  });
  overdue['*'] = worst;
  const share: Record<string, Json> = {};
  const shareBefore: Record<string, Json> = {};
  for (const w of policy.effective.warnings.values()) {
    const walk = (c: A.Condition): void => {
      if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach(walk);
      else if (c.kind === 'Not') walk(c.operand);
      else
        for (const o of [c.left, c.right]) {
          if (o?.kind !== 'Call' || (o.callee.text !== 'share' && o.callee.text !== 'shareBefore')) continue;
          const [f, win, total, which] = o.args;
          const field = f?.kind === 'NameRef' ? f.name.text : 'issueKey';
          const window = win && isValue(win) ? literal(policy.effective, win) : undefined;
          const households = totalOf(policy.effective, total);
          const filter = filterArg(which);
          if (!window || !households || typeof window.value !== 'number' || filter === null) continue;
          const compiled = filter ? compiledFilter(policy, filter.condition) : undefined;
          // households(): the property's record; unknown is null, which no comparison holds for (as the engine's NaN).
          const count = typeof households.value === 'number' ? households.value : households.value === `${PROPERTY_HOUSEHOLDS}()` ? core.env.propertyHouseholds() : undefined;
          if (count === undefined) continue;
          const before = o.callee.text === 'shareBefore';
          const n = before ? core.env.householdsBefore(field, window.value, compiled) : core.env.households(field, window.value, compiled);
          (before ? shareBefore : share)[shareKey(field, window.value, households.value, filter)] = count === null ? null : count > 0 ? (100 * n) / count : 0;
        }
    };
    if (w.when) walk(w.when.node.condition);
  }
  const t = core.read.ticket;
  const ticket: Record<string, Json> = { ...(t as unknown as Record<string, Json>), flags: [...core.read.facts.flags], repeatCount: core.env.repeats() };
  delete ticket['events'];
  return { ticket, overdue, elapsed, share, shareBefore };
}

/**
 * Runs the rules on one ticket's facts; a fresh Engine each time, since one is not safe for
 * overlapping runs (7.3.1). The library is loaded here, on first use, so that the engine's
 * other users (the admin UI's bundle above all) never carry it.
 */
export async function levelsByRulesEngine(rules: RuleProperties[], facts: Record<string, Json>): Promise<string[]> {
  const { Engine } = await import('json-rules-engine');
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  const { events } = await engine.run(facts);
  return events.map((e) => String(e.params?.['level']));
}

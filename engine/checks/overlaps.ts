// Two clocks that start and stop on the same events, for tickets both may reach, with
// different targets (001: "4小时内上门勘查" beside "24小时内上门"). Beacon evaluates every
// clock on its own, so both run and both can breach: the earlier deadline is the one a
// ticket misses first, and the later one only ever breaches after it. That is legal
// and often what the rule books say, but a writer should see it: reported as info.
import type * as A from '../../grammar/index.js';
import { scopedTargetsFor, targetFor, type EffectiveClock, type EffectivePolicy, type From } from '../effective.js';
import type { Check } from './context.js';
import { resolveValue } from './value-types.js';

/** What a scope allows of one field: `allow` absent means any value not in `deny` (absent: nothing denied). */
interface FieldLimit {
  allow?: Set<string>;
  deny?: Set<string>;
}
type Limits = Map<string, FieldLimit>;

function nameOf(o: A.Operand | undefined): string | undefined {
  return o?.kind === 'NameRef' ? o.name.text : undefined;
}

function membersOf(o: A.Operand | undefined): string[] | undefined {
  if (o?.kind === 'NameRef') return [o.name.text];
  if (o?.kind !== 'List') return undefined;
  const names: string[] = [];
  for (const item of o.items) {
    if (item.kind !== 'NameRef') return undefined;
    names.push(item.name.text);
  }
  return names;
}

function limitOf(out: Limits, field: string): FieldLimit {
  let l = out.get(field);
  if (!l) out.set(field, (l = {}));
  return l;
}

function deny(l: FieldLimit, member: string): void {
  (l.deny ??= new Set()).add(member);
}

/**
 * The field limits a condition implies, conservatively: `field = m`, `field in (…)`, their
 * negations, and `and` of them. Anything else (or, calls, numbers) limits nothing, so two
 * scopes are called disjoint only when they surely are. Made for every clock on every check
 * (every keystroke in the editor): no closure per call, and a deny set only when something is denied.
 */
function limitsOf(c: A.Condition, out: Limits = new Map()): Limits {
  if (c.kind === 'And') for (const o of c.operands) limitsOf(o, out);
  else if (c.kind === 'Comparison' && (c.op === '=' || c.op === 'in')) {
    const field = nameOf(c.left);
    const members = field ? membersOf(c.right) : undefined;
    if (field && members) {
      const l = limitOf(out, field);
      const allowed = l.allow;
      l.allow = allowed ? new Set(members.filter((m) => allowed.has(m))) : new Set(members);
    }
  } else if (c.kind === 'Comparison' && c.op === '!=') {
    const field = nameOf(c.left);
    const member = nameOf(c.right);
    if (field && member) deny(limitOf(out, field), member);
  } else if (c.kind === 'Not' && c.operand.kind === 'Comparison' && (c.operand.op === '=' || c.operand.op === 'in')) {
    const field = nameOf(c.operand.left);
    const members = field ? membersOf(c.operand.right) : undefined;
    if (field && members) for (const m of members) deny(limitOf(out, field), m);
  }
  return out;
}

function clockLimits(clock: EffectiveClock): Limits {
  const out: Limits = new Map();
  if (clock.when) limitsOf(clock.when.node.condition, out);
  if (clock.scope) limitsOf(clock.scope.node.condition, out);
  return out;
}

function admits(limits: Limits, field: string, value: string): boolean {
  const l = limits.get(field);
  return !l || ((!l.allow || l.allow.has(value)) && !l.deny?.has(value));
}

/** Denied by either scope. */
function denied(la: FieldLimit, lb: FieldLimit, m: string): boolean {
  return la.deny?.has(m) === true || lb.deny?.has(m) === true;
}

function disjoint(a: Limits, b: Limits): boolean {
  for (const [field, la] of a) {
    const lb = b.get(field);
    if (!lb) continue;
    if (la.allow && lb.allow) {
      let common = false;
      for (const m of la.allow) {
        if (lb.allow.has(m) && !denied(la, lb, m)) {
          common = true;
          break;
        }
      }
      if (!common) return true;
    }
    const only = la.allow ?? lb.allow;
    if (only) {
      let left = false;
      for (const m of only) {
        if (!denied(la, lb, m)) {
          left = true;
          break;
        }
      }
      if (!left) return true;
    }
  }
  return false;
}

function shared(a: From<A.ClockEvents> | undefined, b: From<A.ClockEvents> | undefined): string | undefined {
  if (!b) return undefined;
  const names = a?.node.events ?? [];
  for (const e of b.node.events) if (names.some((n) => n.text === e.text)) return e.text;
  return undefined;
}

/** A target as comparable data: its kind, its length resolved through parameters, and the clock's calendar. */
interface Deadline {
  key: string;
  text: string;
  /** Minutes on the clock's calendar, for a plain duration; else undefined. */
  minutes?: number;
}

/** A resolved length as a key: equal keys are equal lengths. `r` is `resolveValue` of the value written. */
function lengthKey(r: A.Value): string {
  return r.kind === 'Duration' ? `${r.negative ? '-' : ''}${r.minutes}m` : r.kind === 'Workdays' ? `${r.days}wd` : r.kind;
}

/** A length as the writer reads it: `r` resolved from `v`, the value written. */
function lengthText(r: A.Value, v: A.Value): string {
  return r.kind === 'Duration' ? r.text : r.kind === 'Workdays' ? `${r.days} workdays` : v.kind === 'NameRef' ? v.name.text : '[X]';
}

function deadlineOf(policy: EffectivePolicy, clock: EffectiveClock, target: A.TargetValue | undefined): Deadline | undefined {
  if (!target) return undefined;
  switch (target.kind) {
    case 'Fixed': {
      // Two 24x7 calendars measure the same time, whatever their names.
      const name = clock.calendar?.node.calendar?.text;
      const calendar = clock.calendar && (!name || policy.calendars.get(name)?.always) ? '24x7' : (name ?? '');
      const r = resolveValue(policy, target.value);
      const d: Deadline = { key: `${lengthKey(r)}@${calendar}`, text: lengthText(r, target.value) };
      if (r.kind === 'Duration') d.minutes = r.minutes;
      return d;
    }
    case 'Relative': {
      const r = resolveValue(policy, target.offset);
      return { key: `${lengthKey(r)} ${target.direction} ${target.anchor.text}`, text: `${lengthText(r, target.offset)} ${target.direction} ${target.anchor.text}` };
    }
    // Recurring targets (progress every hour, daily by 17:00) repeat while the clock runs:
    // they sit beside a deadline rather than compete with it.
    case 'Every':
    case 'Daily':
      return undefined;
  }
}

/** Every deadline the clock may give a ticket in a cell: its scoped rows and its plain row. */
function deadlines(policy: EffectivePolicy, clock: EffectiveClock, category: string, tier: string): Deadline[] {
  const out: Deadline[] = [];
  for (const s of scopedTargetsFor(clock, category, tier)) {
    const d = deadlineOf(policy, clock, s.row.node.value);
    if (d) out.push(d);
  }
  const plain = targetFor(clock, category, tier);
  const d = plain ? deadlineOf(policy, clock, plain.node.value) : undefined;
  if (d) out.push(d);
  return out;
}

interface Overlap {
  start: string;
  stop: string;
  a: Deadline;
  b: Deadline;
}

/** One clock as this check compares it: its limits (clockLimits) and, once asked for, its deadlines in each cell. */
interface Compared {
  clock: EffectiveClock;
  limits: Limits;
  /** deadlines() by `category/tier`. */
  deadlines: Map<string, Deadline[]>;
}

/** `key`: `category/tier`, made once per cell for both clocks compared. */
function deadlinesIn(policy: EffectivePolicy, c: Compared, category: string, tier: string, key: string): Deadline[] {
  let out = c.deadlines.get(key);
  if (!out) c.deadlines.set(key, (out = deadlines(policy, c.clock, category, tier)));
  return out;
}

/** The first cell both clocks reach where their deadlines differ, or undefined. `categories`, `tiers`: the cells to look at. */
function overlap(policy: EffectivePolicy, ca: Compared, cb: Compared, categories: readonly string[], tiers: readonly string[]): Overlap | undefined {
  const a = ca.clock;
  const b = cb.clock;
  const la = ca.limits;
  const lb = cb.limits;
  const start = shared(a.events.start, b.events.start);
  const stop = shared(a.events.stop, b.events.stop);
  if (!start || !stop) return undefined;
  if (disjoint(la, lb)) return undefined;
  for (const category of categories) {
    if (!admits(la, 'category', category) || !admits(lb, 'category', category)) continue;
    for (const tier of tiers) {
      if (!admits(la, 'priority', tier) || !admits(lb, 'priority', tier)) continue;
      const key = `${category}/${tier}`;
      const da = deadlinesIn(policy, ca, category, tier, key);
      const db = deadlinesIn(policy, cb, category, tier, key);
      if (!da[0]) continue;
      const differ = firstNotIn(db, da);
      if (differ) return { start, stop, a: da[da.length - 1] as Deadline, b: differ };
    }
  }
  return undefined;
}

/** The first of `b` whose key none of `a` has. A cell holds a deadline or two: a scan, no set made per cell and pair. */
function firstNotIn(b: readonly Deadline[], a: readonly Deadline[]): Deadline | undefined {
  outer: for (const d of b) {
    for (const e of a) if (e.key === d.key) continue outer;
    return d;
  }
  return undefined;
}

function winner(o: Overlap, a: string, b: string): string {
  if (o.a.minutes !== undefined && o.b.minutes !== undefined && o.a.key.split('@')[1] === o.b.key.split('@')[1]) {
    const [first, second] = o.a.minutes <= o.b.minutes ? [a, b] : [b, a];
    return `'${first}' falls due first and is the one a late ticket breaches first; '${second}' breaches only after '${first}' has`;
  }
  return 'whichever deadline falls first for a ticket is breached first';
}

export const overlappingClocks: Check = {
  name: 'clocks on the same events with different targets are pointed out',
  run(ctx) {
    const policy = ctx.policy;
    const clocks = [...policy.clocks.values()];
    const compared = clocks.map((clock): Compared => ({ clock, limits: clockLimits(clock), deadlines: new Map() }));
    // A policy without categories or tiers has only the default cell, `*`.
    const categories = policy.enums.categories.size > 0 ? [...policy.enums.categories.keys()] : ['*'];
    const tiers = policy.enums.tiers.size > 0 ? [...policy.enums.tiers.keys()] : ['*'];
    clocks.forEach((b, j) => {
      // Reported once, at the later clock, in the file that declared it, naming the first
      // earlier clock it overlaps: one note per clock, not one per pair (a policy of hundreds
      // of clocks on the same events would otherwise get a note for every pair, and take
      // seconds to check on every keystroke).
      if (b.decl.uri !== ctx.file.uri) return;
      for (let i = 0; i < j; i++) {
        const a = clocks[i] as EffectiveClock;
        const o = overlap(policy, compared[i] as Compared, compared[j] as Compared, categories, tiers);
        if (!o) continue;
        ctx.report(
          'C112',
          b.decl.node.name.range,
          `Clocks '${a.name}' (${o.a.text}) and '${b.name}' (${o.b.text}) both run from '${o.start}' to '${o.stop}' for tickets both apply to. ` +
            `Beacon evaluates both: ${winner(o, a.name, b.name)}.`,
          { help: 'Intended when the rule books set both limits; otherwise give the clocks disjoint scopes (`applies to …`) or one target.' },
        );
        break;
      }
    });
  },
};

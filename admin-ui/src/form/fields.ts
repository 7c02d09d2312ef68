// What the form can edit, and who may edit it. The split mirrors the server's
// ownerOf (server/policy-versions.ts), which still judges every draft: quality
// owns warnings, penalties and compliance; managers own clocks, targets and
// placeholders; admins may change anything and viewers nothing.
import { argumentText, operandText, type Comparison, type Condition, type Value } from '../../../grammar/index.js';

export type Role = 'admin' | 'quality' | 'manager' | 'viewer';

export type FieldRef =
  /** A row of a clock's target table; an absent category or tier is "*". */
  | { kind: 'target'; clock: string; category?: string; tier?: string }
  | { kind: 'param'; name: string }
  /** The index-th threshold of a warning's `when`, in reading order. */
  | { kind: 'threshold'; warning: string; index: number }
  | { kind: 'plan'; warning: string }
  | { kind: 'penalty'; level: string };

export type Owner = 'manager' | 'quality';

export function ownerOfField(field: FieldRef): Owner {
  return field.kind === 'threshold' || field.kind === 'plan' || field.kind === 'penalty' ? 'quality' : 'manager';
}

/** The server's section name for a field ("clock contact", "warning blue", "penalties"). */
export function sectionOfField(field: FieldRef): string {
  switch (field.kind) {
    case 'target':
      return `clock ${field.clock}`;
    case 'param':
      return `param ${field.name}`;
    case 'threshold':
    case 'plan':
      return `warning ${field.warning}`;
    case 'penalty':
      return 'penalties';
  }
}

export function mayEdit(role: Role, field: FieldRef): boolean {
  if (role === 'admin') return true;
  if (role === 'viewer') return false;
  return ownerOfField(field) === role;
}

/** "engineering/urgent", "*\/urgent", "engineering/*", "*\/*": the key engine's cellKey gives. */
export function targetKey(category: string | undefined, tier: string | undefined): string {
  return `${category ?? '*'}/${tier ?? '*'}`;
}

/** The key as a table row writes it: `*`, `engineering`, `*\/urgent`, `engineering/urgent` (the formatter's spelling). */
export function rowKeyText(category: string | undefined, tier: string | undefined): string {
  return `${category ?? '*'}${tier ? `/${tier}` : ''}`;
}

export type ThresholdValue = Extract<Value, { kind: 'Duration' | 'Percent' | 'Number' | 'Workdays' }>;

const THRESHOLD_KINDS = new Set(['Duration', 'Percent', 'Number', 'Workdays']);

type Threshold = Comparison & { right: ThresholdValue };

function comparisonsOf(condition: Condition): Threshold[] {
  const out: Threshold[] = [];
  const walk = (c: Condition): void => {
    if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach(walk);
    else if (c.kind === 'Not') walk(c.operand);
    else if (c.right && THRESHOLD_KINDS.has(c.right.kind)) out.push(c as Threshold);
  };
  walk(condition);
  return out;
}

/**
 * `share(k, w, h) >= 5% and shareBefore(k, w, h) < 5%` means "this ticket brings the cluster to
 * 5%" (one red per cluster, 004 第十一条(三)): the two figures are one threshold. Edited apart,
 * `>= 6%` with `< 5%` would fire only on a ticket that jumps a whole point, i.e. almost never.
 */
function crossingKey(c: Threshold, callee: 'share' | 'shareBefore'): string | undefined {
  if (c.left.kind !== 'Call' || c.left.callee.text !== callee) return undefined;
  return `${c.left.args.map(argumentText).join(', ')} ${operandText(c.right)}`;
}

/**
 * The thresholds a manager edits, in reading order: every comparison of the condition with a
 * number, duration, percent or working days on its right, except the `shareBefore` half of a
 * crossing (it follows its `share`: see crossingPartners).
 */
export function thresholdsOf(condition: Condition): Threshold[] {
  const all = comparisonsOf(condition);
  const shares = new Set(all.map((c) => crossingKey(c, 'share')).filter((k) => k !== undefined));
  return all.filter((c) => {
    const key = crossingKey(c, 'shareBefore');
    return key === undefined || !shares.has(key);
  });
}

/** The `shareBefore` comparisons that form a crossing with `target` (a `share` comparison): they take its new value too. */
export function crossingPartners(condition: Condition, target: Threshold): Threshold[] {
  const key = crossingKey(target, 'share');
  if (key === undefined) return [];
  return comparisonsOf(condition).filter((c) => crossingKey(c, 'shareBefore') === key);
}

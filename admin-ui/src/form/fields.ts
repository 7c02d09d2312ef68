// What the form can edit, and who may edit it. The split mirrors the server's
// ownerOf (server/policy-versions.ts), which still judges every draft: quality
// owns warnings, penalties and compliance; managers own clocks, targets and
// placeholders; admins may change anything and viewers nothing.
import type { Comparison, Condition, Value } from '../../../grammar/index.js';

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

/** The comparisons of a condition whose right side is a number, duration, percent or working days, in reading order. */
export function thresholdsOf(condition: Condition): Array<Comparison & { right: ThresholdValue }> {
  const out: Array<Comparison & { right: ThresholdValue }> = [];
  const walk = (c: Condition): void => {
    if (c.kind === 'Or' || c.kind === 'And') c.operands.forEach(walk);
    else if (c.kind === 'Not') walk(c.operand);
    else if (c.right && THRESHOLD_KINDS.has(c.right.kind)) out.push(c as Comparison & { right: ThresholdValue });
  };
  walk(condition);
  return out;
}

// A condition as data: parameters resolved, positions dropped. Two conditions with equal
// keys hold for the same tickets: scopes that share a memo (CompiledCondition.key) and
// share() filters that share a report list (ShareFilter.key) are told apart by it.
import type * as A from '../../grammar/index.js';
import { resolveValue } from '../checks/value-types.js';
import type { EffectivePolicy } from '../effective.js';

export function conditionKey(policy: EffectivePolicy, c: A.Condition): unknown {
  const operand = (o: A.Argument | undefined): unknown => {
    if (!o) return null;
    if (o.kind === 'Call') return [o.callee.text, o.args.map(operand)];
    if (o.kind === 'List') return o.items.map(operand);
    if (o.kind === 'ConditionArg') return ['Where', conditionKey(policy, o.condition)];
    const v = resolveValue(policy, o);
    const { range: _range, ...rest } = v as A.Value & { range: unknown };
    return v.kind === 'NameRef' ? v.name.text : rest;
  };
  switch (c.kind) {
    case 'Or':
    case 'And':
      return [c.kind, c.operands.map((o) => conditionKey(policy, o))];
    case 'Not':
      return ['Not', conditionKey(policy, c.operand)];
    case 'Comparison':
      return [c.op ?? null, operand(c.left), operand(c.right)];
  }
}

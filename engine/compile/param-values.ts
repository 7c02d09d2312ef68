// A parameter's value as a report reads it (scores' rate targets), followed through
// parameters that name other parameters (`param a = b`), so callers outside the engine
// never walk the policy's syntax themselves.
import type { CompiledPolicy } from './types.js';
import { resolveValue } from '../checks/value-types.js';

/** The percent a parameter holds (5% -> 5), or undefined when it is absent, unfilled, negative or not a percent. */
export function paramPercent(policy: CompiledPolicy, name: string): number | undefined {
  const param = policy.effective.params.get(name);
  if (!param) return undefined;
  const value = resolveValue(policy.effective, param.value.node);
  return value.kind === 'Percent' && !value.negative ? value.value : undefined;
}

// `repeats { case … within … while unresolved merge same day … }` → RepeatRule. The checks
// (engine/checks/repeats.ts) have judged the clauses; what they refused is left out here.
import type * as A from '../../grammar/index.js';
import { resolveValue } from '../checks/value-types.js';
import type { EffectivePolicy } from '../effective.js';
import type { RepeatRule } from './types.js';

export function compileRepeats(policy: EffectivePolicy): RepeatRule | undefined {
  const decl = policy.repeats?.node;
  if (!decl) return undefined;
  const caseFields: string[] = [];
  let withinMinutes: number | null = null;
  let whileUnresolved = false;
  const mergeChannels = new Set<string>();
  for (const item of decl.items as A.RepeatsItem[]) {
    if (item.kind === 'RepeatsCase') {
      for (const f of item.fields) if (f.text && f.text !== 'property' && !caseFields.includes(f.text)) caseFields.push(f.text);
    } else if (item.kind === 'RepeatsWithin') {
      const v = resolveValue(policy, item.value);
      if (v.kind === 'Duration' && !v.negative && v.minutes > 0) withinMinutes = v.minutes;
    } else if (item.kind === 'RepeatsWhileUnresolved') whileUnresolved = true;
    else for (const c of item.channels) if (c.text) mergeChannels.add(c.text);
  }
  const key = JSON.stringify([caseFields, withinMinutes, whileUnresolved, [...mergeChannels].sort()]);
  return Object.freeze({ caseFields: Object.freeze(caseFields), withinMinutes, whileUnresolved, mergeChannels, key });
}

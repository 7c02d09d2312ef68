// The parts of a policy that bound what a ticket can be charged: the longest
// pause a clock discounts (`pause at most 3d`), whether a ticket pays each level
// it reaches or only its highest (`charge … level`), and the conditions that void
// its levels (`void "…" "…" when …`, 004 第十条(二)4: an accepted
// non-responsibility statement makes the complaint invalid).
import { resolveValue } from '../checks/value-types.js';
import type { EffectiveClock, EffectivePolicy, From } from '../effective.js';
import type * as A from '../../grammar/index.js';
import { compileCondition, type ConditionScope } from './conditions.js';
import type { CompiledVoid, SourceRef } from './types.js';

function ref<T extends { range: A.Range }>(from: From<T>): SourceRef {
  return { uri: from.uri, range: from.node.range };
}

/**
 * The most paused service time a cycle of this clock discounts, in minutes: its own
 * `pause at most`, else the policy's; undefined when neither is stated (or the clock
 * has no pause event, so there is nothing to bound). `unfilled` hears of an [X].
 */
export function maxPauseMinutes(policy: EffectivePolicy, clock: EffectiveClock, unfilled: (what: string, at: SourceRef) => void): number | undefined {
  if (!clock.events.pause || clock.events.pause.node.events.length === 0) return undefined;
  const limit = clock.pauseLimit ?? policy.pauseLimit;
  if (!limit) return undefined;
  const v = resolveValue(policy, limit.node.value);
  if (v.kind === 'Placeholder') {
    unfilled(`the pause limit of clock '${clock.name}'`, ref(limit));
    return undefined;
  }
  return v.kind === 'Duration' && !v.negative ? v.minutes : undefined;
}

/** True when the policy states `charge highest level`; each level reached is paid otherwise (the default). */
export function chargesHighestOnly(policy: EffectivePolicy): boolean {
  return policy.charge?.node.mode.text === 'highest';
}

export function compileVoids(policy: EffectivePolicy, scope: ConditionScope): CompiledVoid[] {
  return policy.voids.map((v) =>
    Object.freeze({
      when: compileCondition(v.node.when.condition, scope, ref(v)),
      // The check (C132) asks for both; a missing English reason falls back to the Chinese one.
      reason: { zh: v.node.zh.value, en: v.node.en?.value ?? v.node.zh.value },
      source: ref(v),
    }),
  );
}

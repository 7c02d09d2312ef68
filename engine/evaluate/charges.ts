// What the levels a ticket reached cost it. By default each level reached is one
// warning issued and paid (004 第十二条 “出现…预警1次扣…分”); a policy may say
// `charge highest level` instead. A `void … when …` that holds makes every level
// reached cost nothing (004 第十条(二)4: an accepted non-responsibility statement
// turns the complaint into an invalid one), and the result lists them as voided.
import type { CompiledPolicy, CompiledVoid, CompiledWarning, ConditionEnv } from '../compile/types.js';

/** What a level costs this ticket: the first penalty row whose scope admits it, else the unscoped row. */
export function pointsFor(w: CompiledWarning, env: ConditionEnv): number {
  // Index loops: Node 20 walks a frozen array (compiled policies are) several times slower with for-of.
  const rows = w.scopedPoints;
  if (rows) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.scope.test(env)) return row.points;
    }
  }
  return w.points;
}

/** The first void rule that holds for this ticket, if any. */
export function voidingRule(policy: CompiledPolicy, env: ConditionEnv): CompiledVoid | undefined {
  const voids = policy.voids;
  if (!voids) return undefined;
  for (let i = 0; i < voids.length; i++) {
    const v = voids[i]!;
    if (v.when.test(env)) return v;
  }
  return undefined;
}

/** What one reached level is charged: 0 when voided, or below the top under `charge highest level`. */
export function chargedPoints(policy: CompiledPolicy, reached: readonly CompiledWarning[], w: CompiledWarning, env: ConditionEnv, voided: CompiledVoid | undefined): number {
  if (voided) return 0;
  if (policy.chargeHighest && w !== reached[reached.length - 1]) return 0;
  return pointsFor(w, env);
}

/** The ticket's total, rounded to thousandths as points are written. */
export function totalPoints(policy: CompiledPolicy, reached: readonly CompiledWarning[], env: ConditionEnv, voided: CompiledVoid | undefined): number {
  let points = 0;
  for (let i = 0; i < reached.length; i++) points += chargedPoints(policy, reached, reached[i]!, env, voided);
  return Math.round(points * 1000) / 1000;
}

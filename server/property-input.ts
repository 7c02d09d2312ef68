// Households from the store, for evaluation. 004 第十一条(三)3 counts a problem against
// “总住户” of the project: the property's record in the store (set by admins, PATCH
// /v1/properties/{id}, audited; seeded from policies/organisations.json), not a value the
// property's own policy could lower. The policy service resolves the record with each
// active policy (policies.ts); this adapter turns it into the engine's evaluation input
// (EvaluateOptions.property, or withProperties on a context), which `households()` reads.
// Every evaluation of the service passes it: evaluate (routes/evaluator.ts), the ledger
// (ledger.ts: PUT /v1/tickets, import, sweep), scores (routes/scores.ts, scores/rates.ts)
// and simulate (simulate-history.ts). A record of 0 households is unknown to the engine:
// the share rules do not fire and the result carries E340.
import { withProperties, type TicketContext } from '../engine/index.js';

/** What the service knows of a property that evaluation needs. */
export interface PropertyRecord {
  id: string;
  /** Households (总住户) as the store records them. */
  households: number;
}

/** The engine's evaluation input carrying the property record (the shape of EvaluateOptions.property). */
export interface EvaluationInput {
  property: PropertyRecord;
}

export function evaluationInput(active: { property: PropertyRecord }): EvaluationInput {
  return { property: { id: active.property.id, households: active.property.households } };
}

/** `context` told the property's households (the engine's withProperties). */
export function withPropertyRecord<T extends TicketContext>(context: T, active: { property: PropertyRecord }): T {
  return withProperties(context, evaluationInput(active).property);
}

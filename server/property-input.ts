// Households from the store, for evaluation. 004 第十一条(三)3 counts a problem against
// “总住户” of the project: the property's record in the store (set by admins, PATCH
// /v1/properties/{id}, audited), not a `param households` the property's own policy could
// lower. The policy service resolves the record with each active policy (policies.ts);
// this adapter turns it into the evaluation's input.
//
// The engine's side (EvaluateOptions gets the property record) is being added beside this
// service work. Until it lands, nothing here reaches the engine: the one connection to
// make is passing `evaluationInput(active)` as the options of the engine's evaluation in
// server/ledger.ts (evaluateAndRecord), server/routes/evaluator.ts and
// server/routes/scores.ts.

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

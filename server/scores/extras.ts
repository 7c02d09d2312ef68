// What GET /v1/units/{unit}/scores adds to points and compliance: the ledger's parts
// (levels charged, voided since, duty charges: store/score-parts.ts) and the rates of
// 002 (rates.ts) over the unit's tickets of the period.
import { periodBounds } from '../ledger.js';
import type { PolicyService } from '../policies.js';
import { HttpError } from '../errors.js';
import type { Repository } from '../store/index.js';
import type { ScoreExtrasBody } from '../schemas/index.js';
import type { Ticket } from '../../engine/index.js';
import { ratesOf } from './rates.js';

/** rates: null in a month without tickets, or when the property has no usable policy. */
export type ScoreExtras = ScoreExtrasBody;

/** `candidates`: the unit's tickets around the period (the scores route's read), filtered here to the month in the policy zone. */
export async function scoreExtras(deps: { repository: Repository; policies: PolicyService }, unit: string, period: string, atMs: number, candidates: readonly Ticket[]): Promise<ScoreExtras> {
  const { unit: _u, period: _p, ...parts } = await deps.repository.unitScoreParts(unit, period);
  const first = candidates[0];
  if (!first) return { parts, rates: null };
  try {
    const { compiled } = await deps.policies.forProperty(first.property);
    const { from, to } = periodBounds(period, compiled.zone);
    const inPeriod = candidates.filter((t) => {
      const created = Date.parse(t.createdAt);
      return created >= from.getTime() && created < to.getTime();
    });
    if (inPeriod.length === 0) return { parts, rates: null };
    const property = await deps.repository.getOrganisation(first.property);
    const households = property.kind === 'property' ? property.households : 0;
    return { parts, rates: ratesOf(compiled, inPeriod, households, atMs) };
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    return { parts, rates: null };
  }
}

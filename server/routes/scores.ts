// GET /v1/units/{unit}/scores?period=YYYY-MM: the unit's penalty points and ledger
// counts by level in the month, and its compliance light: the percent of the unit's
// tickets created in the month (policy zone) with no breached clock now, against the
// policy's compliance thresholds. `Accept: text/csv` gives the same numbers as CSV (one
// row, a column per warning level). Signed-in users, and API keys as their owner (a
// reporting system's).
import { Router } from 'express';
import { evaluateCore, noContext, type CompiledPolicy, type Ticket } from '../../engine/index.js';
import { withPropertyRecord } from '../property-input.js';
import { assertPropertyAccess, callerOf, propertiesOf, requireCaller } from '../auth/index.js';
import { HttpError, UNKNOWN_UNIT } from '../errors.js';
import { periodBounds } from '../ledger.js';
import { periodParam } from './period.js';
import { sendCsv } from './csv.js';
import type { PolicyService } from '../policies.js';
import type { UnitScoresResponse } from '../schemas/index.js';
import type { Repository } from '../store/index.js';
import { scoreExtras } from '../scores/extras.js';

export interface ScoreRouteOptions {
  repository: Repository;
  policies: PolicyService;
  now: () => Date;
}

const PAGE = 5000;
/** Widest UTC offset: the month in any zone lies within the UTC month widened by this. */
const SLACK_MS = 15 * 60 * 60 * 1000;

/** The first light whose minimum the percent meets (`otherwise` has none); null without rules. */
export function lightFor(compliance: CompiledPolicy['compliance'], percent: number): string | null {
  for (const rule of compliance) if (rule.minPercent === null || percent >= rule.minPercent) return rule.light;
  return null;
}

async function unitTickets(repository: Repository, unit: string, from: Date, to: Date): Promise<Ticket[]> {
  const out: Ticket[] = [];
  let after: { createdAt: string; id: string } | undefined;
  for (;;) {
    const page = await repository.listTickets({ unit, from, to, limit: PAGE, ...(after ? { after } : {}) });
    out.push(...page);
    if (page.length < PAGE) return out;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export function scoreRoutes(options: ScoreRouteOptions): Router {
  const { repository, policies, now } = options;
  const router = Router();

  router.get('/v1/units/:unit/scores', requireCaller({ keys: true }), async (req, res) => {
    const unit = String(req.params['unit']);
    const period = periodParam(req.query['period']);
    const caller = callerOf(req);
    // A unit is known when it is registered under a property or a stored ticket names it; scores of anything else are a typo's.
    const owners = await repository.propertiesOfUnit(unit);
    if (owners.length === 0) {
      const message = `'${unit}' is not a unit: no property registers it and no stored ticket names it (encode its slash: jinxiu-garden%2Fengineering).`;
      throw new HttpError(404, 'unknown-unit', 'Unknown unit', message, [{ pointer: '/unit', code: UNKNOWN_UNIT, message }]);
    }
    // A manager or viewer sees the units of their own properties only.
    if (propertiesOf(caller)) for (const property of owners) assertPropertyAccess(caller, property, 'see unit scores');
    const score = await repository.unitScores(unit, period);
    const utc = periodBounds(period, 'UTC');
    const candidates = await unitTickets(repository, unit, new Date(utc.from.getTime() - SLACK_MS), new Date(utc.to.getTime() + SLACK_MS));
    let tickets = 0;
    let compliance: number | null = null;
    let light: string | null = null;
    let levels: readonly string[] = [];
    const first = candidates[0];
    if (first) {
      try {
        const active = await policies.forProperty(first.property);
        const { compiled } = active;
        const context = withPropertyRecord(noContext, active);
        levels = compiled.warnings.map((w) => w.name);
        const { from, to } = periodBounds(period, compiled.zone);
        const atMs = now().getTime();
        let met = 0;
        for (const t of candidates) {
          const created = Date.parse(t.createdAt);
          if (created < from.getTime() || created >= to.getTime()) continue;
          tickets++;
          if (!evaluateCore(compiled, t, atMs, context).outcomes.some((o) => o?.state === 'breached')) met++;
        }
        if (tickets > 0) {
          compliance = Math.round((met / tickets) * 1000) / 10;
          light = lightFor(compiled.compliance, compliance);
        }
      } catch (e) {
        // A property without a usable policy has points but no light.
        if (!(e instanceof HttpError)) throw e;
      }
    }
    const answer: UnitScoresResponse = { unit, period, points: score.points, counts: score.counts, tickets, compliance, light };
    // The ledger's parts (voided levels, duties) and 002's rates: scores/extras.ts.
    Object.assign(answer, await scoreExtras({ repository, policies }, unit, period, now().getTime(), candidates));
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      // The policy's levels in its order, then any the ledger holds from an earlier policy.
      const columns = [...levels, ...Object.keys(answer.counts).filter((l) => !levels.includes(l)).sort()];
      const header = ['unit', 'period', 'points', 'tickets', 'compliance', 'light', ...columns.map((l) => `count_${l}`)];
      sendCsv(res, `scores-${unit}-${period}.csv`, header, [[unit, period, answer.points, tickets, compliance, light, ...columns.map((l) => answer.counts[l] ?? 0)]]);
      return;
    }
    res.json(answer);
  });

  return router;
}

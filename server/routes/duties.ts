// Duties: GET /v1/duties?property=&period= lists the occurrences of the property's duties
// due in the month (policy zone) with their state now; POST /v1/duties/{id}/done records
// an occurrence done (once: a repeat answers the first record). Fulfilment is the owing
// property's work: admins and the managers assigned to the property record it, audited;
// quality reviews (reads) and never signs for a unit; API keys never (a person signs).
import { Router } from 'express';
import { dutyCalendar, dutyOccurrence, judgeOccurrence, type DutySpec } from '../../engine/index.js';
import { assertPropertyAccess, bodyOf, callerOf, requireCaller, requireRole, smallJson } from '../auth/index.js';
import { dutyBoard, dutyUnit } from '../duties/board.js';
import { FULFILMENT_RECORDED, FULFILMENT_TIME, HttpError, InvalidRequestError, NOT_AN_OCCURRENCE, OCCURRENCE_TOO_EARLY, UNKNOWN_DUTY } from '../errors.js';
import { periodBounds } from '../ledger.js';
import type { PolicyService } from '../policies.js';
import { dutyDoneRequestSchema, REQUEST_INVALID, type DutyDoneRequest, type DutyFulfilmentResponse } from '../schemas/index.js';
import type { DutyFulfilment, Repository } from '../store/index.js';
import { periodParam } from './period.js';

export interface DutyRouteOptions {
  repository: Repository;
  policies: PolicyService;
  now: () => Date;
}

/** An occurrence may be recorded done at most this long before it falls due (the week's summary, early). */
export const EARLY_DAYS = 7;
const DAY_MS = 86_400_000;

function propertyParam(value: unknown): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= 200) return value;
  throw new InvalidRequestError('property is required: the id of a property.', [
    { pointer: '?property', code: REQUEST_INVALID, message: `The query parameter property must name a property (1 to 200 characters); got ${JSON.stringify(value ?? null)}.` },
  ]);
}

function answerOf(spec: DutySpec, property: string, dueMs: number, f: DutyFulfilment): DutyFulfilmentResponse {
  const late = Date.parse(f.doneAt) > dueMs;
  return {
    duty: spec.id,
    property,
    unit: f.unit,
    occurrence: f.occurrence,
    dueAt: new Date(dueMs).toISOString(),
    doneAt: f.doneAt,
    by: f.by,
    note: f.note,
    state: late ? 'late' : 'met',
    lateMinutes: late ? Math.floor((Date.parse(f.doneAt) - dueMs) / 60_000) : 0,
  };
}

export function dutyRoutes(options: DutyRouteOptions): Router {
  const { repository, policies, now } = options;
  const router = Router();

  router.get('/v1/duties', requireCaller(), async (req, res) => {
    const property = propertyParam(req.query['property']);
    const period = periodParam(req.query['period']);
    assertPropertyAccess(callerOf(req), property, 'see duties');
    const { compiled } = await policies.forProperty(property, '?property');
    const { from, to } = periodBounds(period, compiled.zone);
    const at = now();
    const duties = await dutyBoard(repository, compiled, property, from.getTime(), to.getTime(), at.getTime());
    res.json({ property, period, at: at.toISOString(), duties });
  });

  router.post('/v1/duties/:id/done', requireRole('admin', 'manager'), smallJson, async (req, res) => {
    const id = String(req.params['id']);
    const body = bodyOf<DutyDoneRequest>(req, dutyDoneRequestSchema);
    const caller = callerOf(req);
    assertPropertyAccess(caller, body.property, 'record duties');
    const { compiled } = await policies.forProperty(body.property, '/property');
    const spec = compiled.duties.find((d) => d.id === id);
    if (!spec) {
      const known = compiled.duties.map((d) => `'${d.id}'`).join(', ') || 'none';
      const message = `'${id}' is not a duty of property '${body.property}'; its policy declares ${known}.`;
      throw new HttpError(404, 'unknown-duty', 'Unknown duty', message, [{ pointer: '{id}', code: UNKNOWN_DUTY, message }]);
    }
    const occurrence = dutyOccurrence(spec, compiled.zone, body.occurrence, dutyCalendar(compiled, spec));
    if (!occurrence) {
      throw new InvalidRequestError(`${body.occurrence} is not an occurrence of '${id}'.`, [
        { pointer: '/occurrence', code: NOT_AN_OCCURRENCE, message: `${body.occurrence} is not a date the schedule of '${id}' names (${JSON.stringify(spec.schedule)}); GET /v1/duties lists its occurrences.` },
      ]);
    }
    const at = now();
    if (occurrence.dueMs - at.getTime() > EARLY_DAYS * DAY_MS) {
      throw new InvalidRequestError(`The occurrence ${body.occurrence} is not due until ${new Date(occurrence.dueMs).toISOString()}.`, [
        { pointer: '/occurrence', code: OCCURRENCE_TOO_EARLY, message: `An occurrence may be recorded done at most ${EARLY_DAYS} days before it falls due; ${body.occurrence} falls due ${new Date(occurrence.dueMs).toISOString()}.` },
      ]);
    }
    // A manager records the work as it is done; only an admin enters a paper record's time.
    if (body.doneAt !== undefined && caller.user.role !== 'admin') {
      throw new HttpError(403, 'forbidden', 'Not allowed', 'Only an admin may give doneAt; leave it out and the service records now.', [
        { pointer: '/doneAt', code: FULFILMENT_TIME, message: 'Only an admin may give doneAt (a record made on paper); leave it out and the service records the time of this request.' },
      ]);
    }
    const doneAt = body.doneAt === undefined ? at : new Date(body.doneAt);
    if (doneAt.getTime() > at.getTime()) {
      throw new InvalidRequestError('doneAt lies in the future.', [{ pointer: '/doneAt', code: FULFILMENT_TIME, message: `doneAt ${body.doneAt} is later than now (${at.toISOString()}).` }]);
    }
    const { fulfilment, created } = await repository.transaction(async (repo) => {
      const result = await repo.recordFulfilment({ propertyId: body.property, dutyId: id, occurrence: body.occurrence, unit: dutyUnit(body.property, spec), doneAt, by: caller.user.id, note: body.note ?? null });
      if (result.created) {
        const judged = judgeOccurrence(spec, occurrence, doneAt.getTime(), doneAt.getTime());
        await repo.audit({ actor: caller.user.id, action: 'duty.done', scopeId: body.property, detail: { duty: id, occurrence: body.occurrence, doneAt: result.fulfilment.doneAt, state: judged.state, ...(body.doneAt !== undefined ? { enteredTime: true } : {}) } });
      }
      return result;
    });
    if (!created && body.doneAt !== undefined && Date.parse(body.doneAt) !== Date.parse(fulfilment.doneAt)) {
      const message = `${body.occurrence} of '${id}' was recorded done at ${fulfilment.doneAt}; the first record stands.`;
      throw new HttpError(409, 'fulfilment-recorded', 'Already recorded', message, [{ pointer: '/doneAt', code: FULFILMENT_RECORDED, message }]);
    }
    res.status(created ? 201 : 200).json(answerOf(spec, body.property, occurrence.dueMs, fulfilment));
  });

  return router;
}

// POST /v1/simulate: what a draft (or an unsaved source) would have done to a property's
// tickets of a period, or to uploaded ones: the engine's difference report. Asked for
// with `Accept: application/x-ndjson`, the answer is progress lines as the history is
// read, then the report; otherwise one JSON report. Admins, quality, and managers for
// the properties assigned to them.
import { ndjsonWriter } from './ndjson-writer.js';
import express, { Router, type Request, type Response } from 'express';
import { type SimulationReport, type SourceFile } from '../../engine/index.js';
import { assertPropertyAccess, callerOf, requireRole } from '../auth/index.js';
import { INSTANT_OUT_OF_RANGE, InvalidRequestError, internalProblem, problemOf, ticketShapeErrors, toHttpError, UnsupportedMediaTypeError } from '../errors.js';
import { periodBounds } from '../ledger.js';
import {
  check,
  REQUEST_INVALID,
  simulateRequestSchema,
  type ErrorItem,
  type SimulateHistory,
  type SimulateRequest,
  type SimulateResponse,
} from '../schemas/index.js';
import { historyTotal, runSimulation, simulationPolicies, type History, type SimulationPolicies } from '../simulate-history.js';
import { NotFoundError, type Repository } from '../store/index.js';
import { inSupportedRange, instantMs, INSTANT_RANGE_TEXT } from '../../engine/index.js';
import { sharedDraftChecker, type DraftChecker } from '../draft-check-pool.js';
import { unitMistakes } from '../units.js';

export interface SimulateRouteOptions {
  repository: Repository;
  libraries: readonly SourceFile[];
  now: () => Date;
  /** Body limit: a source and up to 10,000 uploaded tickets. */
  bodyLimit: number;
  /** Checks an unsaved source off the event loop; the process's shared checker by default. */
  checker?: DraftChecker;
}

const JSON_TYPES = ['application/json', 'application/*+json'];
/** Code of an uploaded ticket of another property than the one simulated. */
export const OTHER_PROPERTY = 'H104';
/** Mistakes listed in one problem: enough to fix a batch, short enough to read. */
const MAX_ERRORS = 100;

const mistake = (pointer: string, message: string, code = REQUEST_INVALID): ErrorItem => ({ pointer, message, code });

/** What the schema cannot say: one policy to try, one history, `from` before `to`. */
function combinationMistakes(body: SimulateRequest): ErrorItem[] {
  const out: ErrorItem[] = [];
  if (body.draft === undefined && body.source === undefined) out.push(mistake('/draft', 'Give `draft` (a policy version id) or `source` (an unsaved policy text) to simulate.'));
  if (body.draft !== undefined && body.source !== undefined) out.push(mistake('/source', 'Give `draft` or `source`, not both.'));
  if (body.scope !== undefined && body.source === undefined) out.push(mistake('/scope', '`scope` says whose policy `source` is; it goes only with `source`.'));
  const histories = (['period', 'from', 'tickets'] as const).filter((k) => body[k] !== undefined || (k === 'from' && body.to !== undefined));
  if (histories.length === 0) out.push(mistake('/period', 'Give the history: `period` (YYYY-MM), `from` and `to`, or `tickets`.'));
  for (const extra of histories.slice(1)) out.push(mistake(`/${extra}`, `Give one history: \`${histories[0]}\` is there already.`));
  if (body.from !== undefined && body.to === undefined) out.push(mistake('/to', '/to is required with /from.'));
  if (body.to !== undefined && body.from === undefined) out.push(mistake('/from', '/from is required with /to.'));
  // The engine evaluates only instants in its range (E208): outside it a simulation cannot run, so say which field.
  for (const field of ['at', 'from', 'to'] as const) {
    const value = body[field];
    if (value !== undefined && !inSupportedRange(instantMs(value))) out.push(mistake(`/${field}`, `/${field} '${value}' is outside the instants Beacon supports: use one from ${INSTANT_RANGE_TEXT}.`, INSTANT_OUT_OF_RANGE));
  }
  if (body.from !== undefined && body.to !== undefined && Date.parse(body.from) >= Date.parse(body.to)) out.push(mistake('/to', '/to must be after /from.'));
  body.tickets?.forEach((t, i) => {
    if (t.property !== body.property) out.push(mistake(`/tickets/${i}/property`, `The ticket is of '${t.property}'; every uploaded ticket must be of '${body.property}'.`, OTHER_PROPERTY));
  });
  return out;
}

function invalid(errors: ErrorItem[]): InvalidRequestError {
  const shown = errors.slice(0, MAX_ERRORS);
  const more = errors.length > shown.length ? ` (the first ${shown.length} are listed)` : '';
  return new InvalidRequestError(`The request has ${errors.length} mistake${errors.length === 1 ? '' : 's'}${more}; each is listed in errors with its JSON pointer.`, shown);
}

/** The body, checked; mistakes inside an uploaded ticket in the engine's words and codes, as /v1/evaluate gives them. */
function requestOf(req: Request): SimulateRequest {
  if (!req.is(JSON_TYPES)) throw new UnsupportedMediaTypeError(`Send ${JSON_TYPES.join(' or ')}, not ${req.get('content-type') ?? 'no content type'}.`);
  const checked = check<SimulateRequest>(simulateRequestSchema, req.body);
  if (!checked.ok) {
    const inTicket = /^\/tickets\/(\d+)(\/|$)/;
    const outside = checked.errors.filter((e) => !inTicket.test(e.pointer));
    const indices = [...new Set(checked.errors.flatMap((e) => inTicket.exec(e.pointer)?.[1] ?? []))].map(Number);
    const tickets = (req.body as { tickets?: unknown[] }).tickets ?? [];
    const inside = indices.flatMap((i) => ticketShapeErrors(tickets[i], `/tickets/${i}`));
    const errors = [...outside, ...inside];
    throw invalid(errors.length > 0 ? errors : checked.errors);
  }
  const errors = combinationMistakes(checked.value);
  if (errors.length > 0) throw invalid(errors);
  return checked.value;
}

/** The history to read, and as the answer describes it (UTC bounds). */
function historyOf(body: SimulateRequest, zone: string): { history: History; described: SimulateHistory } {
  if (body.tickets !== undefined) return { history: { source: 'uploaded', tickets: body.tickets }, described: { source: 'uploaded' } };
  const { from, to } = body.period !== undefined ? periodBounds(body.period, zone) : { from: new Date(body.from as string), to: new Date(body.to as string) };
  const period = body.period !== undefined ? { period: body.period } : {};
  return { history: { source: 'stored', from, to }, described: { source: 'stored', ...period, from: from.toISOString(), to: to.toISOString() } };
}

const answerOf = (report: SimulationReport, policies: SimulationPolicies, history: SimulateHistory): SimulateResponse => ({
  ...report,
  from: { ...report.from, ...policies.sides.from },
  to: { ...report.to, ...policies.sides.to },
  history,
});

export function simulateRoutes(options: SimulateRouteOptions): Router {
  const { repository, libraries, now } = options;
  const checker = options.checker ?? sharedDraftChecker();
  const router = Router();
  const json = express.json({ limit: options.bodyLimit, type: JSON_TYPES });

  router.post('/v1/simulate', requireRole('admin', 'quality', 'manager'), json, async (req, res) => {
    const body = requestOf(req);
    const caller = callerOf(req);
    const user = caller.user;
    assertPropertyAccess(caller, body.property, 'simulate');
    if (body.tickets !== undefined) {
      // An uploaded ticket charging another property's unit is refused as everywhere else (H105).
      // An unknown property is answered below, as for every history.
      const property = await repository.getOrganisation(body.property).catch((e: unknown) => (e instanceof NotFoundError ? undefined : Promise.reject(e)));
      if (property?.kind === 'property') {
        const units = property.units.map((u) => u.id);
        const foreign = body.tickets.flatMap((t, i) => unitMistakes(body.property, units, t.unit, `/tickets/${i}`));
        if (foreign.length > 0) throw invalid(foreign);
      }
    }
    const policies = await simulationPolicies(repository, libraries, body, user.id, now(), checker);
    const { history, described } = historyOf(body, policies.from.zone);
    const at = body.at ?? now().toISOString();
    const examples = body.examples;
    // The client went away: stop reading the history, nobody waits for the report.
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    const cancelled = () => gone;
    const run = (onProgress?: (tickets: number) => Promise<void>) =>
      runSimulation(repository, body.property, policies, history, at, { ...(examples !== undefined ? { examples } : {}), ...(onProgress ? { onProgress } : {}), cancelled });

    if (req.accepts(['application/json', 'application/x-ndjson']) !== 'application/x-ndjson') {
      const report = await run();
      if (report) res.json(answerOf(report, policies, described));
      return;
    }
    // Counted before the answer begins, so a failing store is still a problem document.
    const total = await historyTotal(repository, body.property, history);
    await streamRun(req, res, total, cancelled, async (onProgress) => {
      const report = await run(onProgress);
      return report && answerOf(report, policies, described);
    });
  });

  return router;
}

/** Progress lines, then the report; a failure once the answer has begun is its last line. */
async function streamRun(
  req: Request,
  res: Response,
  total: number,
  gone: () => boolean,
  run: (onProgress: (tickets: number) => Promise<void>) => Promise<SimulateResponse | undefined>,
): Promise<void> {
  res.status(200).type('application/x-ndjson');
  const toClient = ndjsonWriter(res);
  const write = async (line: unknown): Promise<void> => (gone() ? undefined : toClient(line));
  try {
    await write({ progress: { tickets: 0, total } });
    const report = await run((tickets) => write({ progress: { tickets, total } }));
    if (report) await write({ report });
  } catch (e) {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const known = toHttpError(e);
    if (!known || known.status >= 500) req.log?.error({ err: e }, 'simulation failed');
    await write({ error: known && known.status < 500 ? problemOf(known, requestId) : internalProblem(requestId) }).catch(() => undefined);
  }
  res.end();
}

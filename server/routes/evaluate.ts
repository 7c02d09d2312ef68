// POST /v1/evaluate (one ticket) and POST /v1/evaluate/batch (a JSON list, or an NDJSON
// stream: see ndjson.ts). `at` absent means now: the server is the edge, and reads the
// clock through the injected `now()`.
import type { ServerResponse } from 'node:http';
import express, { Router, type Request, type Response } from 'express';
import { assertPropertyAccess, callerOf, propertiesOf, type Caller } from '../auth/index.js';
import { mistakesIn, refuseContentEncoding, ticketShapeErrors, UnsupportedMediaTypeError } from '../errors.js';
import {
  batchEnvelopeSchema,
  check,
  evaluateEnvelopeSchema,
  type BatchRequest,
  type BatchResultItem,
  type EvaluateRequest,
  type EvaluateResponse,
} from '../schemas/index.js';
import type { ActivePolicy } from '../policies.js';
import type { Evaluator } from './evaluator.js';
import { streamNdjson } from './ndjson.js';
import { bufferedWriter } from './ndjson-writer.js';

export interface EvaluateRouteOptions {
  evaluator: Evaluator;
  now: () => Date;
  /** Body limits in bytes: one ticket, and a JSON batch. */
  jsonLimit: number;
  batchLimit: number;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

function requireJson(req: Request, also: string[] = []): void {
  if (!req.is([...JSON_TYPES, ...also])) {
    throw new UnsupportedMediaTypeError(`Send ${[...JSON_TYPES, ...also].join(' or ')}, not ${req.get('content-type') ?? 'no content type'}.`);
  }
}

const BARE_TICKET_HELP = 'This is a ticket on its own: send it inside the request, as {"ticket": <the ticket>, "at": "2026-10-09T12:00:00+08:00"} (at is optional). beacon eval is what takes a bare ticket.';

/** A ticket sent where the request envelope belongs (as `beacon eval --ticket` takes it). */
function isBareTicket(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && !('ticket' in body) && 'category' in body && 'createdAt' in body;
}

/**
 * The answer to `POST /v1/evaluate` with this parsed body, from this caller; a mistake
 * throws the HttpError that says it. Shared by the route and the evaluate lane.
 */
export function singleEvaluation(evaluator: Evaluator, now: () => Date): (body: unknown, caller: Caller) => Promise<EvaluateResponse> {
  return async (body, caller) => {
    const checked = check<EvaluateRequest>(evaluateEnvelopeSchema, body);
    if (!checked.ok) {
      const ticket = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { ticket?: unknown }).ticket : undefined;
      // The envelope's mistakes, and the ticket's in the engine's words and codes (E201).
      const errors = ticket === undefined ? checked.errors.map((e) => (isBareTicket(body) && e.pointer === '/ticket' ? { ...e, help: BARE_TICKET_HELP } : e)) : [...checked.errors, ...ticketShapeErrors(ticket, '/ticket')];
      throw mistakesIn('request', errors);
    }
    const property = (checked.value.ticket as { property?: unknown } | null)?.property;
    if (typeof property === 'string') assertPropertyAccess(caller, property, 'evaluate tickets');
    const outcome = await evaluator.one(checked.value.ticket, checked.value.at ?? now().toISOString(), checked.value.explain ?? false, '/ticket');
    if (!outcome.ok) throw mistakesIn('ticket', outcome.errors);
    return outcome.result;
  };
}

/** A JSON answer without Express's extras: no ETag (a POST's answer is not cached). */
export function sendJson(res: ServerResponse, body: unknown): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

export function evaluateRoutes(options: EvaluateRouteOptions): Router {
  const { evaluator, now } = options;
  const router = Router();
  const nowIso = (): string => now().toISOString();
  const single = singleEvaluation(evaluator, now);

  router.post('/v1/evaluate', express.json({ limit: options.jsonLimit, type: JSON_TYPES }), async (req, res) => {
    requireJson(req);
    sendJson(res, await single(req.body, callerOf(req)));
  });

  router.post('/v1/evaluate/batch', async (req, res, next) => {
    if (req.is('application/x-ndjson')) {
      // Read as it comes, so only as it is: a compressed body would be read as lines of bytes.
      refuseContentEncoding(req.get('content-encoding'), 'Send application/x-ndjson uncompressed');
      await streamNdjson(req, res, { evaluator, now: nowIso, allowed: propertiesOf(callerOf(req)) });
      return;
    }
    next();
  });

  router.post('/v1/evaluate/batch', express.json({ limit: options.batchLimit, type: JSON_TYPES }), async (req, res) => {
    requireJson(req, ['application/x-ndjson']);
    // A mistake inside one ticket is that ticket's result: only the envelope can fail the request.
    const checked = check<BatchRequest>(batchEnvelopeSchema, req.body);
    if (!checked.ok) throw mistakesIn('request', checked.errors);
    const body = checked.value;
    const at = body.at ?? nowIso();
    const policies = new Map<string, Promise<ActivePolicy>>();
    const allowed = propertiesOf(callerOf(req));
    // Every property's policy before the answer starts: a store that fails fails the request with a status, not half an answer.
    await evaluator.prepare(body.tickets, policies, allowed);
    await streamResults(res, body.tickets.length, async (index) => {
      const outcome = await evaluator.one(body.tickets[index], at, false, `/tickets/${index}`, policies, allowed);
      const item: BatchResultItem = outcome.ok ? { index, ticketId: outcome.ticketId, result: outcome.result } : { index, errors: outcome.errors };
      return JSON.stringify(item);
    });
  });

  return router;
}

/**
 * `{"results":[…]}` written as the results come: each dies young instead of the whole
 * array (megabytes for a full batch) growing old in the heap and costing the collector,
 * and while a chunk drains other requests get their turn (a full batch is a second of work).
 */
async function streamResults(res: Response, count: number, resultAt: (index: number) => Promise<string>): Promise<void> {
  const out = bufferedWriter(res);
  res.status(200).type('application/json');
  try {
    await out.add('{"results":[');
    for (let index = 0; index < count; index++) {
      const result = await resultAt(index);
      await out.add(index > 0 ? `,${result}` : result);
    }
    await out.add(']}');
    out.end();
  } catch (e) {
    // Half an answer must not pass for a whole one: the connection is cut, the client sees it broken.
    res.destroy(e instanceof Error ? e : new Error(String(e)));
    throw e;
  }
}

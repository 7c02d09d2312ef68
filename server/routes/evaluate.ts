// POST /v1/evaluate (one ticket) and POST /v1/evaluate/batch (a JSON list, or an NDJSON
// stream: see ndjson.ts). `at` absent means now: the server is the edge, and reads the
// clock through the injected `now()`.
import express, { Router, type Request } from 'express';
import { schemaErrors } from '../../engine/index.js';
import { InvalidRequestError, UnsupportedMediaTypeError } from '../errors.js';
import {
  batchRequestSchema,
  check,
  evaluateRequestSchema,
  type BatchRequest,
  type BatchResultItem,
  type ErrorItem,
  type EvaluateRequest,
} from '../schemas/index.js';
import type { ActivePolicy } from '../policies.js';
import type { Evaluator } from './evaluator.js';
import { streamNdjson } from './ndjson.js';

export interface EvaluateRouteOptions {
  evaluator: Evaluator;
  now: () => Date;
  /** Body limits: one ticket, and a JSON batch. */
  jsonLimit: string;
  batchLimit: string;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

function requireJson(req: Request, also: string[] = []): void {
  if (!req.is([...JSON_TYPES, ...also])) {
    throw new UnsupportedMediaTypeError(`Send ${[...JSON_TYPES, ...also].join(' or ')}, not ${req.get('content-type') ?? 'no content type'}.`);
  }
}

/** Envelope errors: those inside a ticket are left to the engine, which names them with its codes. */
function outsideTicket(errors: ErrorItem[], ticketPath: RegExp): ErrorItem[] {
  return errors.filter((e) => !ticketPath.test(e.pointer));
}

function ticketShapeErrors(ticket: unknown, base: string): ErrorItem[] {
  return schemaErrors(ticket, base).map((e) => ({ pointer: e.pointer ?? base, message: e.message, code: e.code }));
}

function mistakes(what: string, n: number): string {
  return `The ${what} has ${n} mistake${n === 1 ? '' : 's'}; each is listed in errors with its JSON pointer.`;
}

export function evaluateRoutes(options: EvaluateRouteOptions): Router {
  const { evaluator, now } = options;
  const router = Router();
  const nowIso = (): string => now().toISOString();

  router.post('/v1/evaluate', express.json({ limit: options.jsonLimit, type: JSON_TYPES }), async (req, res) => {
    requireJson(req);
    const checked = check<EvaluateRequest>(evaluateRequestSchema, req.body);
    if (!checked.ok) {
      const body = req.body as { ticket?: unknown } | null;
      const ticket = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.ticket : undefined;
      // Mistakes inside the ticket in the engine's words and codes (E201), the rest in the schema's.
      const errors = ticket === undefined ? checked.errors : [...outsideTicket(checked.errors, /^\/ticket(\/|$)/), ...ticketShapeErrors(ticket, '/ticket')];
      const list = errors.length > 0 ? errors : checked.errors;
      throw new InvalidRequestError(mistakes('request', list.length), list);
    }
    const outcome = await evaluator.one(checked.value.ticket, checked.value.at ?? nowIso(), checked.value.explain ?? false, '/ticket');
    if (!outcome.ok) throw new InvalidRequestError(mistakes('ticket', outcome.errors.length), outcome.errors);
    res.json(outcome.result);
  });

  router.post('/v1/evaluate/batch', async (req, res, next) => {
    if (req.is('application/x-ndjson')) {
      await streamNdjson(req, res, { evaluator, now: nowIso });
      return;
    }
    next();
  });

  router.post('/v1/evaluate/batch', express.json({ limit: options.batchLimit, type: JSON_TYPES }), async (req, res) => {
    requireJson(req, ['application/x-ndjson']);
    const checked = check<BatchRequest>(batchRequestSchema, req.body);
    // A mistake inside one ticket is that ticket's result; only the envelope fails the request.
    const outside = checked.ok ? [] : outsideTicket(checked.errors, /^\/tickets\/\d+(\/|$)/);
    if (outside.length > 0) throw new InvalidRequestError(mistakes('request', outside.length), outside);
    const body = req.body as BatchRequest;
    const at = body.at ?? nowIso();
    const policies = new Map<string, Promise<ActivePolicy>>();
    const results: BatchResultItem[] = [];
    for (let index = 0; index < body.tickets.length; index++) {
      const outcome = await evaluator.one(body.tickets[index], at, false, `/tickets/${index}`, policies);
      results.push(outcome.ok ? { index, ticketId: outcome.ticketId, result: outcome.result } : { index, errors: outcome.errors });
    }
    res.json({ results });
  });

  return router;
}

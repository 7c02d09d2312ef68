// PUT /v1/tickets/{id}: upsert a ticket with its events, evaluate it now with the stored
// tickets of its property as context, and record each warning level reached in the
// penalty ledger (once per ticket and level). GET /v1/tickets/{id}: the stored ticket.
import express, { Router } from 'express';
import type { Ticket } from '../../engine/index.js';
import { assertPropertyAccess, callerOf, notViewer, propertiesOf, requireCaller } from '../auth/index.js';
import { mistakesIn, ticketShapeErrors, UnsupportedMediaTypeError } from '../errors.js';
import { evaluateAndRecord, ticketMistakes } from '../ledger.js';
import type { PolicyService } from '../policies.js';
import { nulMistakes, type TicketUpsertResponse } from '../schemas/index.js';
import type { Repository } from '../store/index.js';
import { unitMistakes } from '../units.js';

export interface TicketRouteOptions {
  repository: Repository;
  policies: PolicyService;
  now: () => Date;
  jsonLimit: number;
}

/** Code of a ticket whose /id is not the id in the path. */
export const ID_MISMATCH = 'H103';

const JSON_TYPES = ['application/json', 'application/*+json'];

export function ticketRoutes(options: TicketRouteOptions): Router {
  const { repository, policies, now } = options;
  const router = Router();

  router.put('/v1/tickets/:id', requireCaller({ keys: true }), notViewer, express.json({ limit: options.jsonLimit, type: JSON_TYPES }), async (req, res) => {
    if (!req.is(JSON_TYPES)) throw new UnsupportedMediaTypeError(`Send ${JSON_TYPES.join(' or ')}, not ${req.get('content-type') ?? 'no content type'}.`);
    const id = String(req.params['id']);
    const body: unknown = req.body;
    if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'id' in body && (body as { id: unknown }).id !== id) {
      throw mistakesIn('ticket', [{ pointer: '/id', code: ID_MISMATCH, message: `/id must be the ticket id of the path ('${id}').` }]);
    }
    // NUL first: the shape check passes text the store cannot hold.
    const nul = nulMistakes(body);
    if (nul.length > 0) throw mistakesIn('ticket', nul);
    const shape = ticketShapeErrors(body);
    if (shape.length > 0) throw mistakesIn('ticket', shape);
    const ticket = body as Ticket;
    const caller = callerOf(req);
    assertPropertyAccess(caller, ticket.property, 'write tickets');
    const active = await policies.forProperty(ticket.property, '/property');
    const errors = [...ticketMistakes(active.compiled, ticket), ...unitMistakes(ticket.property, active.units, ticket.unit)];
    if (errors.length > 0) throw mistakesIn('ticket', errors);
    const upserted = await repository.upsertTicket(ticket, { actor: caller.user.id, detail: caller.kind === 'key' ? { keyId: caller.key.id } : {} }, propertiesOf(caller));
    const { result, recorded } = await evaluateAndRecord(repository, active, ticket, now().getTime());
    const answer: TicketUpsertResponse = { id, created: upserted.created, changed: upserted.changed, result, recorded };
    if (upserted.created) res.location(`/v1/tickets/${encodeURIComponent(id)}`);
    res.status(upserted.created ? 201 : 200).json(answer);
  });

  router.get('/v1/tickets/:id', requireCaller(), async (req, res) => {
    const ticket = await repository.getTicket(String(req.params['id']));
    assertPropertyAccess(callerOf(req), ticket.property, 'read tickets');
    res.json(ticket);
  });

  return router;
}

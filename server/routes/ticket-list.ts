// GET /v1/tickets: tickets by where they stand, breached first, then by next due, read
// from each ticket's standing at its last evaluation (store/ticket-status.ts, indexed by
// that order), never by evaluating tickets per request. A next due that has passed since
// the evaluation is reported breached at once; the sweep records it at its next run.
// Any signed-in user or API key; a manager or viewer (or their key) sees their
// properties only, and naming another property is a 403.
import { Router } from 'express';
import { assertPropertyAccess, callerOf, propertiesOf, requireCaller } from '../auth/index.js';
import type { TicketListItem } from '../schemas/index.js';
import type { Repository, TicketStatusRow } from '../store/index.js';
import { cursorParam, encodeCursor, enumParam, instantParam, intParam, textParam } from './query.js';

export const TICKET_PAGE = { default: 100, max: 500 } as const;
const LIST = 'tickets';

type Position = { dueAt: string | null; id: string };

function isPosition(p: unknown): p is Position {
  if (typeof p !== 'object' || p === null) return false;
  const { dueAt, id } = p as Record<string, unknown>;
  return (dueAt === null || (typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)) && dueAt.length <= 30)) && typeof id === 'string' && id.length > 0 && id.length <= 200;
}

function itemOf(row: TicketStatusRow, nowMs: number): TicketListItem {
  const t = row.ticket;
  const breached = [...row.breached];
  // Due has passed since the evaluation: breached now, whatever the sweep has not yet written.
  if (row.open && row.nextDue && Date.parse(row.nextDue.at) < nowMs && !breached.includes(row.nextDue.clock)) breached.push(row.nextDue.clock);
  return {
    id: t.id,
    propertyId: t.property,
    unit: t.unit,
    category: t.category,
    priority: t.priority,
    kind: typeof t.kind === 'string' ? t.kind : null,
    channel: typeof t.channel === 'string' ? t.channel : null,
    createdAt: t.createdAt,
    state: row.open ? 'open' : 'closed',
    nextDue: row.nextDue,
    breached,
    warning: row.warning,
    evaluatedAt: row.evaluatedAt,
  };
}

export function ticketListRoutes(repository: Repository, now: () => Date): Router {
  const router = Router();

  router.get('/v1/tickets', requireCaller({ keys: true }), async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const property = textParam(query, 'property');
    const unit = textParam(query, 'unit');
    const state = enumParam(query, 'state', ['open', 'closed', 'breached'] as const);
    const dueBefore = instantParam(query, 'dueBefore');
    const limit = intParam(query, 'limit', 1, TICKET_PAGE.max) ?? TICKET_PAGE.default;
    const after = cursorParam(query, LIST, isPosition);
    const caller = callerOf(req);
    if (property !== undefined) assertPropertyAccess(caller, property, 'list tickets');
    const mine = propertiesOf(caller);
    const at = now();
    // One more than the page: whether a next page exists without counting.
    const rows = await repository.listTicketStatus({
      ...(property !== undefined ? { propertyId: property } : {}),
      ...(mine ? { properties: [...mine] } : {}),
      ...(unit !== undefined ? { unit } : {}),
      ...(state !== undefined ? { state } : {}),
      ...(dueBefore !== undefined ? { dueBefore } : {}),
      ...(after !== undefined ? { after } : {}),
      now: at,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(LIST, { dueAt: last.dueAt, id: last.ticket.id } satisfies Position) : null;
    res.json({ items: page.map((r) => itemOf(r, at.getTime())), nextCursor });
  });

  return router;
}

// Each ticket's standing at its last evaluation (migration 008), kept so the list of
// tickets by next due reads an index instead of evaluating every open ticket per
// request. The evaluation that wrote a row is of the ticket as stored: a row is written
// only while the ticket's hash is the one evaluated, and never over a later evaluation
// of the same version, so a slow sweep cannot put back a stale standing.

import type { Ticket } from '../../engine/index.js';
import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { ValidationError } from './errors.js';
import { instant, iso, isoOrNull, params, storedInstant, strOrNull } from './rows.js';
import { checkKey, checkOptionalText } from './text.js';
import { ticketHash } from './tickets.js';

export interface TicketStanding {
  ticketId: string;
  open: boolean;
  /** The earliest due among running clocks (not paused, not breached); null when none runs toward a due. */
  nextDue: { clock: string; at: Date } | null;
  /** Clocks breached, in policy order. */
  breached: string[];
  /** The earliest due a breached clock missed; orders breached tickets first. */
  breachedSince: Date | null;
  /** The highest warning level reached, by its name in the policy; null for none. */
  warning: string | null;
  evaluatedAt: Date;
}

export interface TicketStatusFilter {
  propertyId?: string;
  /** The properties a manager or viewer is limited to; undefined for every property. */
  properties?: readonly string[];
  unit?: string;
  /** `breached`: open with a breached clock, or a next due passed since the last evaluation (at `now`). */
  state?: 'open' | 'closed' | 'breached';
  /** Only tickets whose order key (breached since, else next due) lies before this. */
  dueBefore?: Date;
  now: Date;
  limit: number;
  /** Continue after this row of the previous page. */
  after?: { dueAt: string | null; id: string };
}

export interface TicketStatusRow {
  /** The ticket as stored, without its events (`events` is empty). */
  ticket: Ticket;
  open: boolean;
  dueAt: string | null;
  nextDue: { clock: string; at: string } | null;
  breached: string[];
  warning: string | null;
  evaluatedAt: string;
}

export interface TicketStatusStore {
  /** Writes the standing of `ticket` as evaluated; false when the store holds another version of the ticket or a later evaluation. */
  recordTicketStatus(ticket: Ticket, standing: TicketStanding): Promise<boolean>;
  /** By order key (breached since, else next due; none last), then ticket id. */
  listTicketStatus(filter: TicketStatusFilter): Promise<TicketStatusRow[]>;
}

export const MAX_STATUS_PAGE = 501;

function toRow(row: Row): TicketStatusRow {
  const body = { ...(row.body as Ticket), events: [] };
  const clock = strOrNull(row.next_due_clock);
  const at = isoOrNull(row.next_due_at);
  return {
    ticket: body,
    open: row.open === true || row.open === 't',
    dueAt: isoOrNull(row.due_at),
    nextDue: clock !== null && at !== null ? { clock, at } : null,
    breached: Array.isArray(row.breached) ? (row.breached as unknown[]).map(String) : (JSON.parse(String(row.breached)) as string[]),
    warning: strOrNull(row.warning),
    evaluatedAt: iso(row.evaluated_at),
  };
}

export function ticketStatusStore(ctx: StoreContext): TicketStatusStore {
  const { db } = ctx;

  return {
    async recordTicketStatus(ticket, s) {
      checkKey(ticket.id, 'ticketId');
      s.breached.forEach((c, i) => checkKey(c, `breached/${i}`));
      checkOptionalText(s.nextDue?.clock, 'nextDue/clock', 'name');
      checkOptionalText(s.warning, 'warning', 'name');
      const nextAt = s.nextDue ? storedInstant(s.nextDue.at, 'nextDue/at') : null;
      const since = s.breachedSince ? storedInstant(s.breachedSince, 'breachedSince') : null;
      const dueAt = s.open ? (s.breached.length > 0 ? since : nextAt) : null;
      // Written from the ticket row itself, so only while it is the version evaluated.
      const { rows } = await db.query(
        `INSERT INTO ticket_status (ticket_id, property_id, unit_id, open, due_at, next_due_clock, next_due_at, breached, warning, hash, evaluated_at)
         SELECT t.id, t.property_id, t.unit_id, $3::boolean, $4::timestamptz, $5::text, $6::timestamptz, $7::jsonb, $8::text, t.hash, $9::timestamptz
           FROM tickets t WHERE t.id = $1 AND t.hash = $2
         ON CONFLICT (ticket_id) DO UPDATE SET
           property_id = EXCLUDED.property_id, unit_id = EXCLUDED.unit_id, open = EXCLUDED.open, due_at = EXCLUDED.due_at,
           next_due_clock = EXCLUDED.next_due_clock, next_due_at = EXCLUDED.next_due_at, breached = EXCLUDED.breached,
           warning = EXCLUDED.warning, hash = EXCLUDED.hash, evaluated_at = EXCLUDED.evaluated_at
          WHERE ticket_status.hash <> EXCLUDED.hash OR ticket_status.evaluated_at <= EXCLUDED.evaluated_at
         RETURNING ticket_id`,
        [ticket.id, ticketHash(ticket), s.open, dueAt, s.open ? (s.nextDue?.clock ?? null) : null, s.open ? nextAt : null, JSON.stringify(s.breached), s.warning, storedInstant(s.evaluatedAt, 'evaluatedAt')],
      );
      return rows.length > 0;
    },

    async listTicketStatus(filter) {
      if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > MAX_STATUS_PAGE) {
        throw new ValidationError('limit', `limit must be a whole number from 1 to ${MAX_STATUS_PAGE}`);
      }
      const clauses: string[] = [];
      const values: unknown[] = [];
      const p = (v: unknown): string => {
        values.push(v);
        return `$${values.length}`;
      };
      if (filter.propertyId !== undefined) clauses.push(`s.property_id = ${p(checkKey(filter.propertyId, 'propertyId'))}`);
      if (filter.properties !== undefined) {
        if (filter.properties.length === 0) return [];
        filter.properties.forEach((id, i) => checkKey(id, `properties/${i}`));
        clauses.push(`s.property_id IN (${params(filter.properties.length, values.length + 1)})`);
        values.push(...filter.properties);
      }
      if (filter.unit !== undefined) clauses.push(`s.unit_id = ${p(checkKey(filter.unit, 'unit'))}`);
      if (filter.state === 'open') clauses.push('s.open');
      if (filter.state === 'closed') clauses.push('NOT s.open');
      if (filter.state === 'breached') clauses.push(`s.open AND (jsonb_array_length(s.breached) > 0 OR s.next_due_at < ${p(filter.now)})`);
      if (filter.dueBefore !== undefined) clauses.push(`s.due_at < ${p(instant(filter.dueBefore, 'dueBefore'))}`);
      if (filter.after !== undefined) {
        const id = p(checkKey(filter.after.id, 'after/id'));
        if (filter.after.dueAt === null) clauses.push(`(s.due_at IS NULL AND s.ticket_id > ${id})`);
        else {
          const at = p(instant(filter.after.dueAt, 'after/dueAt'));
          clauses.push(`(s.due_at > ${at} OR (s.due_at = ${at} AND s.ticket_id > ${id}) OR s.due_at IS NULL)`);
        }
      }
      const { rows } = await db.query(
        `SELECT s.open, s.due_at, s.next_due_clock, s.next_due_at, s.breached, s.warning, s.evaluated_at, t.body
           FROM ticket_status s JOIN tickets t ON t.id = s.ticket_id
          ${clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''}
          ORDER BY s.due_at ASC NULLS LAST, s.ticket_id
          LIMIT ${p(filter.limit)}`,
        values,
      );
      return rows.map(toRow);
    },
  };
}

// Tickets upserted by id with their events. A digest of the canonical ticket makes the
// upsert idempotent: the same ticket twice writes nothing the second time.

import { createHash } from 'node:crypto';
import type { Ticket, TicketEvent } from '../../engine/index.js';
import { writeAudit } from './audit.js';
import type { StoreContext } from './context.js';
import type { Db, Row } from './db.js';
import { FOREIGN_KEY_VIOLATION, isDbError, NotFoundError, OutOfScopeError, ValidationError } from './errors.js';
import { instant, num, params, storedInstant, valueRows } from './rows.js';
import { checkJsonText, checkKey, checkOptionalText, checkText } from './text.js';
import type { TicketCountFilter, TicketFilter, UpsertResult } from './types.js';

export interface TicketStore {
  /**
   * Inserts or replaces the ticket and its events; `changed` is false when it was stored
   * as is. With `audit`, a change is audited (`ticket.create` or `ticket.update`) in the
   * same transaction: a stored change is never without its entry, nor the reverse.
   * With `scope` (the properties the writer may write), a stored ticket of another
   * property is not overwritten: OutOfScopeError, checked under the row's lock.
   */
  upsertTicket(ticket: Ticket, audit?: { actor: string; detail?: Record<string, unknown> }, scope?: ReadonlySet<string>): Promise<UpsertResult>;
  /** Throws NotFoundError. */
  getTicket(id: string): Promise<Ticket>;
  /** Tickets by createdAt, then id; page with `after`. */
  listTickets(filter?: TicketFilter): Promise<Ticket[]>;
  /** How many tickets listTickets would give with this filter, all pages together. */
  countTickets(filter?: TicketCountFilter): Promise<number>;
}

const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 5000;

/** JSON with object keys sorted, so equal tickets give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function ticketHash(ticket: Ticket): string {
  return createHash('sha256').update(canonicalJson(ticket)).digest('hex');
}

function checkTicket(ticket: Ticket): { createdAt: Date; eventTimes: Date[] } {
  for (const field of ['id', 'property', 'unit', 'category', 'priority'] as const) {
    if (typeof ticket[field] !== 'string' || ticket[field] === '') {
      throw new ValidationError(field, `ticket ${field} must be a non-empty string`);
    }
    checkText(ticket[field], field, field === 'category' || field === 'priority' ? 'name' : 'id');
  }
  if (!Array.isArray(ticket.events)) throw new ValidationError('events', 'ticket events must be a list');
  ticket.events.forEach((e, i) => {
    if (typeof e?.type !== 'string' || e.type === '') throw new ValidationError(`events/${i}/type`, 'an event needs a type');
    checkText(e.type, `events/${i}/type`, 'name');
    checkText(e.at, `events/${i}/at`, 'name');
    checkOptionalText(e.by, `events/${i}/by`, 'name');
    checkOptionalText(e.note, `events/${i}/note`, 'text');
  });
  const { events: _events, ...rest } = ticket;
  checkJsonText(rest, '', 'text'); // the body kept as jsonb: every attribute a policy may declare
  return {
    createdAt: storedInstant(ticket.createdAt, 'createdAt'),
    eventTimes: ticket.events.map((e, i) => storedInstant(e.at, `events/${i}/at`)),
  };
}

async function writeEvents(tx: Db, ticketId: string, events: TicketEvent[], times: Date[]): Promise<void> {
  await tx.query('DELETE FROM ticket_events WHERE ticket_id = $1', [ticketId]);
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO ticket_events (ticket_id, seq, type, at, occurred_at, by, note) VALUES ${valueRows(events.length, 7)}`,
    events.flatMap((e, i) => [ticketId, i + 1, e.type, e.at, times[i], e.by ?? null, e.note ?? null]),
  );
}

function toTickets(rows: Row[], events: Row[]): Ticket[] {
  const byTicket = new Map<string, TicketEvent[]>();
  for (const row of events) {
    const event: TicketEvent = { type: String(row.type), at: String(row.at) };
    if (row.by != null) event.by = String(row.by);
    if (row.note != null) event.note = String(row.note);
    const list = byTicket.get(String(row.ticket_id)) ?? [];
    list.push(event);
    byTicket.set(String(row.ticket_id), list);
  }
  return rows.map((row) => ({ ...(row.body as Ticket), events: byTicket.get(String(row.id)) ?? [] }));
}

async function eventsOf(db: Db, ids: string[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query(
    `SELECT ticket_id, seq, type, at, by, note FROM ticket_events
      WHERE ticket_id IN (${params(ids.length)}) ORDER BY ticket_id, seq`,
    ids,
  );
  return rows;
}

/** The WHERE clause listTickets and countTickets share, with its numbered parameters. */
function ticketWhere(filter: TicketFilter): { where: string; values: unknown[] } {
  const clauses: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, ...vals: unknown[]) => {
    let text = sql;
    for (const v of vals) {
      values.push(v);
      text = text.replace('?', `$${values.length}`);
    }
    clauses.push(text);
  };
  if (filter.propertyId !== undefined) add('property_id = ?', checkKey(filter.propertyId, 'propertyId'));
  if (filter.unit !== undefined) add('unit_id = ?', checkKey(filter.unit, 'unit'));
  if (filter.from !== undefined) add('created_at >= ?', instant(filter.from, 'from'));
  if (filter.to !== undefined) add('created_at < ?', instant(filter.to, 'to'));
  if (filter.sharing !== undefined) {
    if (filter.sharing.length === 0) throw new ValidationError('sharing', 'sharing needs at least one field and value');
    // Compared in the database, so a ticket's context costs the few tickets that share with it, not the window's all.
    filter.sharing.forEach((s, i) => {
      checkKey(s.field, `sharing/${i}/field`);
      checkKey(s.value, `sharing/${i}/value`);
    });
    const any = filter.sharing.map(() => 'body ->> ? = ?').join(' OR ');
    add(`(${any})`, ...filter.sharing.flatMap((s) => [s.field, s.value]));
  }
  if (filter.after !== undefined) {
    const at = instant(filter.after.createdAt, 'after.createdAt');
    add('(created_at > ? OR (created_at = ? AND id > ?))', at, at, checkKey(filter.after.id, 'after.id'));
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', values };
}

export function ticketStore(ctx: StoreContext): TicketStore {
  const { db } = ctx;

  return {
    async upsertTicket(ticket, audit, scope) {
      const { createdAt, eventTimes } = checkTicket(ticket);
      const hash = ticketHash(ticket);
      const { events, ...rest } = ticket;
      const body = JSON.stringify(rest);
      return db.transaction(async (tx) => {
        const lockStored = async (): Promise<{ hash: string; property_id: string } | undefined> => {
          const { rows } = await tx.query<{ hash: string; property_id: string }>('SELECT hash, property_id FROM tickets WHERE id = $1 FOR UPDATE', [ticket.id]);
          const row = rows[0];
          if (row && scope && !scope.has(row.property_id)) throw new OutOfScopeError('ticket', ticket.id, row.property_id);
          return row;
        };
        const stored = await lockStored();
        if (stored?.hash === hash) return { id: ticket.id, created: false, changed: false };
        const now = ctx.now();
        const values = [ticket.id, ticket.property, ticket.unit, ticket.category, ticket.priority, createdAt, body, hash, now];
        try {
          const kind = await tx.query<{ kind: string }>('SELECT kind FROM organisations WHERE id = $1', [ticket.property]);
          if (kind.rows[0]?.kind !== 'property') throw new NotFoundError('property', ticket.property);
          let created = false;
          if (!stored) {
            // Another writer may have inserted the same id since our look: then nothing
            // is returned, and the update below compares with what that writer stored.
            const inserted = await tx.query(
              `INSERT INTO tickets (id, property_id, unit_id, category, priority, created_at, body, hash, received_at, updated_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
              values,
            );
            created = inserted.rows.length > 0;
            // Another writer got there first: what it stored is judged as ours would have been.
            if (!created) await lockStored();
          }
          if (!created) {
            const updated = await tx.query(
              `UPDATE tickets SET property_id = $2, unit_id = $3, category = $4, priority = $5, created_at = $6,
                      body = $7, hash = $8, updated_at = $9
                WHERE id = $1 AND hash <> $8 RETURNING id`,
              values,
            );
            if (updated.rows.length === 0) return { id: ticket.id, created: false, changed: false };
          }
          await writeEvents(tx, ticket.id, events, eventTimes);
          if (audit) {
            await writeAudit(tx, now, { actor: audit.actor, action: created ? 'ticket.create' : 'ticket.update', scopeId: ticket.property, detail: { ticketId: ticket.id, ...audit.detail } });
          }
          return { id: ticket.id, created, changed: true };
        } catch (e) {
          if (isDbError(e, FOREIGN_KEY_VIOLATION)) throw new NotFoundError('property', ticket.property, { cause: e });
          throw e;
        }
      });
    },

    async getTicket(id) {
      checkKey(id, 'id');
      const { rows } = await db.query('SELECT id, body FROM tickets WHERE id = $1', [id]);
      if (rows.length === 0) throw new NotFoundError('ticket', id);
      return toTickets(rows, await eventsOf(db, [id]))[0]!;
    },

    async listTickets(filter = {}) {
      const limit = filter.limit ?? DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        throw new ValidationError('limit', `limit must be a whole number from 1 to ${MAX_LIMIT}`);
      }
      const { where, values } = ticketWhere(filter);
      values.push(limit);
      const { rows } = await db.query(
        `SELECT id, body, created_at FROM tickets ${where} ORDER BY created_at, id LIMIT $${values.length}`,
        values,
      );
      return toTickets(rows, await eventsOf(db, rows.map((r) => String(r.id))));
    },

    async countTickets(filter = {}) {
      const { where, values } = ticketWhere(filter);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tickets ${where}`, values);
      return num(rows[0]?.n ?? 0);
    },
  };
}

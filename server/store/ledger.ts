// The penalty ledger, and unit scores summed from it. Each level a ticket reaches is
// recorded once: the key (ticket, level) decides between concurrent writers, and the
// insert skips what exists, so only the newly recorded entries come back.
//
// Entries already recorded are left out before the insert: a sweep offers every level
// each open ticket has reached, nearly all of them recorded long ago, and a conflicting
// insert costs more than a look (PostgreSQL draws an id from the sequence for each row
// it then skips). ON CONFLICT (ticket_id, level) DO NOTHING covers only a writer that
// recorded the same level in between; any other clash (the id) is an error, not skipped.

import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { FOREIGN_KEY_VIOLATION, isDbError, NotFoundError, ValidationError } from './errors.js';
import { iso, num, params, storedInstant, valueRows } from './rows.js';
import { checkKey, checkText } from './text.js';
import type { LedgerEntry, LedgerEntryInput, LedgerFilter, UnitScore } from './types.js';
import { netOf, scoreParts, type ScoreParts } from './score-parts.js';

export interface LedgerStore {
  /** Records the entries not recorded yet; returns those (the others were there already). */
  recordLedger(entries: LedgerEntryInput[]): Promise<LedgerEntry[]>;
  listLedger(filter?: LedgerFilter): Promise<LedgerEntry[]>;
  /** A unit's points and counts by level in a period (zero when it has none): tickets' levels less the voided ones, plus duties. */
  unitScores(unit: string, period: string): Promise<UnitScore>;
  /** What unitScores nets: the levels charged, those voided since, and duty charges. */
  unitScoreParts(unit: string, period: string): Promise<ScoreParts>;
  /** Every unit charged in the period (optionally for one property's tickets), most points first. */
  listUnitScores(period: string, filter?: { propertyId?: string }): Promise<UnitScore[]>;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const COLUMNS = 'id, ticket_id, level, points, unit_id, period, reached_at, recorded_at';

function checkPeriod(period: string, field = 'period'): void {
  if (!PERIOD.test(period)) throw new ValidationError(field, `period must be YYYY-MM, got ${JSON.stringify(period)}`);
}

function toEntry(row: Row): LedgerEntry {
  return {
    id: num(row.id),
    ticketId: String(row.ticket_id),
    level: String(row.level),
    points: num(row.points),
    unit: String(row.unit_id),
    period: String(row.period),
    reachedAt: iso(row.reached_at),
    recordedAt: iso(row.recorded_at),
  };
}

function byTicketLevel(a: { ticketId: string; level: string }, b: { ticketId: string; level: string }): number {
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : a.level < b.level ? -1 : a.level > b.level ? 1 : 0;
}

export function ledgerStore(ctx: StoreContext): LedgerStore {
  const { db } = ctx;

  return {
    async recordLedger(entries) {
      // One row per (ticket, level), in one order for every writer, so concurrent
      // batches wait for each other instead of deadlocking.
      const unique = new Map<string, LedgerEntryInput>();
      for (const [i, entry] of entries.entries()) {
        checkPeriod(entry.period, `${i}/period`);
        checkText(entry.ticketId, `${i}/ticketId`, 'id');
        checkText(entry.level, `${i}/level`, 'name');
        checkText(entry.unit, `${i}/unit`, 'id');
        if (!Number.isFinite(entry.points)) throw new ValidationError(`${i}/points`, 'points must be a number');
        const key = JSON.stringify([entry.ticketId, entry.level]);
        if (!unique.has(key)) unique.set(key, entry);
      }
      const offered = [...unique.values()].sort(byTicketLevel);
      if (offered.length === 0) return [];
      const reachedAt = offered.map((e, i) => storedInstant(e.reachedAt, `${i}/reachedAt`));
      const recordedAt = ctx.now();
      try {
        return await db.transaction(async (tx) => {
          const ticketIds = [...new Set(offered.map((e) => e.ticketId))];
          const { rows: existing } = await tx.query<{ ticket_id: string; level: string }>(
            `SELECT ticket_id, level FROM penalty_ledger WHERE ticket_id IN (${params(ticketIds.length)})`,
            ticketIds,
          );
          const recorded = new Set(existing.map((r) => JSON.stringify([r.ticket_id, r.level])));
          const batch = offered.flatMap((e, i) => (recorded.has(JSON.stringify([e.ticketId, e.level])) ? [] : [{ e, reached: reachedAt[i]! }]));
          if (batch.length === 0) return [];
          const { rows } = await tx.query(
            `INSERT INTO penalty_ledger (ticket_id, level, points, unit_id, period, reached_at, recorded_at)
             VALUES ${valueRows(batch.length, 7)}
             ON CONFLICT (ticket_id, level) DO NOTHING RETURNING ${COLUMNS}`,
            batch.flatMap(({ e, reached }) => [e.ticketId, e.level, e.points, e.unit, e.period, reached, recordedAt]),
          );
          return rows.map(toEntry).sort(byTicketLevel);
        });
      } catch (e) {
        if (isDbError(e, FOREIGN_KEY_VIOLATION)) {
          throw new NotFoundError('ticket', offered.map((b) => b.ticketId).join(', '), { cause: e });
        }
        throw e;
      }
    },

    async listLedger(filter = {}) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        values.push(value);
        where.push(sql.replace('?', `$${values.length}`));
      };
      if (filter.period !== undefined) {
        checkPeriod(filter.period);
        add('l.period = ?', filter.period);
      }
      if (filter.unit !== undefined) add('l.unit_id = ?', checkKey(filter.unit, 'unit'));
      if (filter.ticketId !== undefined) add('l.ticket_id = ?', checkKey(filter.ticketId, 'ticketId'));
      if (filter.propertyId !== undefined) add('t.property_id = ?', checkKey(filter.propertyId, 'propertyId'));
      const { rows } = await db.query(
        `SELECT l.id, l.ticket_id, l.level, l.points, l.unit_id, l.period, l.reached_at, l.recorded_at
           FROM penalty_ledger l JOIN tickets t ON t.id = l.ticket_id
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY l.reached_at, l.id`,
        values,
      );
      return rows.map(toEntry);
    },

    async unitScores(unit, period) {
      checkPeriod(period);
      checkKey(unit, 'unit');
      const [parts] = await scoreParts(db, period, { unit });
      return { unit, period, ...(parts ? netOf(parts) : { points: 0, counts: {} }) };
    },

    async unitScoreParts(unit, period) {
      checkPeriod(period);
      checkKey(unit, 'unit');
      const [parts] = await scoreParts(db, period, { unit });
      return parts ?? { unit, period, charged: { points: 0, counts: {} }, voided: { points: 0, counts: {} }, duties: { points: 0, counts: {} }, company: { points: 0, counts: {} } };
    },

    async listUnitScores(period, filter = {}) {
      checkPeriod(period);
      checkKey(filter.propertyId, 'propertyId');
      const all = await scoreParts(db, period, filter.propertyId === undefined ? {} : { propertyId: filter.propertyId });
      return all.map((parts) => ({ unit: parts.unit, period, ...netOf(parts) })).sort((a, b) => b.points - a.points || (a.unit < b.unit ? -1 : 1));
    },
  };
}

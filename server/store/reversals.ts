// Reversals of penalty ledger entries. A level the engine reports voided (an accepted
// non-responsibility statement, 004 第十条(二)4) is never deleted from the ledger: a
// reversal references the entry, once, with the engine's reason. A level voided before
// it was ever recorded has nothing to reverse (and the ledger never records a voided
// level: server/ledger.ts leaves them out).
import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { isDbError, UNIQUE_VIOLATION, ValidationError } from './errors.js';
import { iso, num, params, storedInstant, valueRows } from './rows.js';
import { checkKey, checkText } from './text.js';

export interface LedgerReversalInput {
  ticketId: string;
  level: string;
  reason: { zh: string; en: string };
  reversedAt: Date | string;
}

export interface LedgerReversal {
  id: number;
  /** The penalty ledger entry reversed. */
  entryId: number;
  ticketId: string;
  level: string;
  /** The points of the entry, taken back. */
  points: number;
  unit: string;
  /** The period of the entry: its charge is netted out of that month. */
  period: string;
  reason: { zh: string; en: string };
  reversedAt: string;
  recordedAt: string;
}

export interface ReversalStore {
  /** Reverses the recorded entries not reversed yet; returns those reversals. */
  reverseLedger(inputs: LedgerReversalInput[]): Promise<LedgerReversal[]>;
  listReversals(filter: { ticketId?: string; unit?: string; period?: string }): Promise<LedgerReversal[]>;
}

const SELECT = `SELECT r.id, r.entry_id, l.ticket_id, l.level, l.points, l.unit_id, l.period, r.reason_zh, r.reason_en, r.reversed_at, r.recorded_at
                  FROM ledger_reversals r JOIN penalty_ledger l ON l.id = r.entry_id`;

function toReversal(row: Row): LedgerReversal {
  return {
    id: num(row.id),
    entryId: num(row.entry_id),
    ticketId: String(row.ticket_id),
    level: String(row.level),
    points: num(row.points),
    unit: String(row.unit_id),
    period: String(row.period),
    reason: { zh: String(row.reason_zh), en: String(row.reason_en) },
    reversedAt: iso(row.reversed_at),
    recordedAt: iso(row.recorded_at),
  };
}

export function reversalStore(ctx: StoreContext): ReversalStore {
  const { db } = ctx;
  return {
    async reverseLedger(inputs) {
      const wanted = new Map<string, { input: LedgerReversalInput; at: Date }>();
      for (const [i, input] of inputs.entries()) {
        checkText(input.ticketId, `${i}/ticketId`, 'id');
        checkText(input.level, `${i}/level`, 'name');
        checkText(input.reason.zh, `${i}/reason/zh`, 'text');
        checkText(input.reason.en, `${i}/reason/en`, 'text');
        const at = storedInstant(input.reversedAt, `${i}/reversedAt`);
        const key = JSON.stringify([input.ticketId, input.level]);
        if (!wanted.has(key)) wanted.set(key, { input, at });
      }
      if (wanted.size === 0) return [];
      const ticketIds = [...new Set([...wanted.values()].map((w) => w.input.ticketId))].sort();
      const recordedAt = ctx.now();
      // Looked up before the insert in one transaction; a writer reversing the same entry
      // in between makes the insert clash (the unique entry_id), and a second run finds it.
      const run = () => db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: unknown; ticket_id: string; level: string; reversal: unknown }>(
          `SELECT l.id, l.ticket_id, l.level, r.id AS reversal
             FROM penalty_ledger l LEFT JOIN ledger_reversals r ON r.entry_id = l.id
            WHERE l.ticket_id IN (${params(ticketIds.length)}) ORDER BY l.id`,
          ticketIds,
        );
        const batch: { entryId: number; input: LedgerReversalInput; at: Date }[] = [];
        for (const row of rows) {
          const w = wanted.get(JSON.stringify([row.ticket_id, row.level]));
          if (w && (row.reversal === null || row.reversal === undefined)) batch.push({ entryId: num(row.id), ...w });
        }
        if (batch.length === 0) return [];
        const { rows: inserted } = await tx.query<{ id: unknown }>(
          `INSERT INTO ledger_reversals (entry_id, reason_zh, reason_en, reversed_at, recorded_at) VALUES ${valueRows(batch.length, 5)}
           RETURNING id`,
          batch.flatMap((b) => [b.entryId, b.input.reason.zh, b.input.reason.en, b.at, recordedAt]),
        );
        if (inserted.length === 0) return [];
        const ids = inserted.map((r) => num(r.id));
        const { rows: made } = await tx.query(`${SELECT} WHERE r.id IN (${params(ids.length)}) ORDER BY r.id`, ids);
        return made.map(toReversal);
      });
      try {
        return await run();
      } catch (e) {
        if (isDbError(e, UNIQUE_VIOLATION)) return run();
        throw e;
      }
    },

    async listReversals(filter) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (column: string, value: string): void => {
        values.push(value);
        where.push(`${column} = $${values.length}`);
      };
      if (filter.ticketId !== undefined) add('l.ticket_id', checkKey(filter.ticketId, 'ticketId'));
      if (filter.unit !== undefined) add('l.unit_id', checkKey(filter.unit, 'unit'));
      if (filter.period !== undefined) {
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(filter.period)) throw new ValidationError('period', `period must be YYYY-MM, got ${JSON.stringify(filter.period)}`);
        add('l.period', filter.period);
      }
      const { rows } = await db.query(`${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id`, values);
      return rows.map(toReversal);
    },
  };
}

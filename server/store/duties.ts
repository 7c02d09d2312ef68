// Duties in the store: fulfilments (one per property, duty and occurrence: the first
// recorded stands), when the service first saw each duty of a property, and the duty
// ledger (one charge per late or missing occurrence). Occurrences are named by their
// nominal local date (engine/duties), so these rows never depend on a calendar.
import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { FOREIGN_KEY_VIOLATION, isDbError, NotFoundError, ValidationError } from './errors.js';
import { iso, num, storedInstant, strOrNull, valueRows } from './rows.js';
import { checkKey, checkOptionalText, checkText } from './text.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface DutyFulfilmentInput {
  propertyId: string;
  dutyId: string;
  /** The occurrence's nominal local date, YYYY-MM-DD. */
  occurrence: string;
  unit: string;
  doneAt: Date | string;
  /** The user who recorded it. */
  by: string;
  note?: string | null;
}

export interface DutyFulfilment {
  propertyId: string;
  dutyId: string;
  occurrence: string;
  unit: string;
  doneAt: string;
  by: string;
  note: string | null;
  recordedAt: string;
}

export interface DutyLedgerInput {
  propertyId: string;
  dutyId: string;
  occurrence: string;
  level: string;
  points: number;
  unit: string;
  period: string;
  reachedAt: Date | string;
}

export interface DutyLedgerEntry extends Omit<DutyLedgerInput, 'reachedAt'> {
  id: number;
  reachedAt: string;
  recordedAt: string;
}

export interface DutyStore {
  /** Records a fulfilment unless one exists for the occurrence; returns the stored one and whether it is new. */
  recordFulfilment(input: DutyFulfilmentInput): Promise<{ fulfilment: DutyFulfilment; created: boolean }>;
  /** Fulfilments of a property whose occurrence date lies in [fromDate, toDate] (YYYY-MM-DD). */
  listFulfilments(propertyId: string, fromDate: string, toDate: string): Promise<DutyFulfilment[]>;
  /** When the service first saw each of these duties of the property; those not seen before are recorded as seen `now`. */
  watchDuties(propertyId: string, dutyIds: readonly string[], now: Date): Promise<Map<string, string>>;
  /** Records the duty charges not recorded yet; returns those. */
  recordDutyLedger(entries: DutyLedgerInput[]): Promise<DutyLedgerEntry[]>;
  listDutyLedger(filter: { propertyId?: string; unit?: string; period?: string }): Promise<DutyLedgerEntry[]>;
}

function checkDate(value: string, field: string): void {
  if (!DATE.test(value)) throw new ValidationError(field, `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

function toFulfilment(row: Row): DutyFulfilment {
  return {
    propertyId: String(row.property_id),
    dutyId: String(row.duty_id),
    occurrence: String(row.occurrence),
    unit: String(row.unit_id),
    doneAt: iso(row.done_at),
    by: String(row.recorded_by),
    note: strOrNull(row.note),
    recordedAt: iso(row.recorded_at),
  };
}

function toLedger(row: Row): DutyLedgerEntry {
  return {
    id: num(row.id),
    propertyId: String(row.property_id),
    dutyId: String(row.duty_id),
    occurrence: String(row.occurrence),
    level: String(row.level),
    points: num(row.points),
    unit: String(row.unit_id),
    period: String(row.period),
    reachedAt: iso(row.reached_at),
    recordedAt: iso(row.recorded_at),
  };
}

const FULFILMENT_COLUMNS = 'property_id, duty_id, occurrence, unit_id, done_at, recorded_by, note, recorded_at';
const LEDGER_COLUMNS = 'id, property_id, duty_id, occurrence, level, points, unit_id, period, reached_at, recorded_at';
const keyOf = (e: { propertyId: string; dutyId: string; occurrence: string }): string => JSON.stringify([e.propertyId, e.dutyId, e.occurrence]);

export function dutyStore(ctx: StoreContext): DutyStore {
  const { db } = ctx;
  const missingProperty = (e: unknown, property: string): never => {
    if (isDbError(e, FOREIGN_KEY_VIOLATION)) throw new NotFoundError('property', property, { cause: e });
    throw e;
  };
  return {
    async recordFulfilment(input) {
      checkText(input.propertyId, 'property', 'id');
      checkText(input.dutyId, 'dutyId', 'name');
      checkDate(input.occurrence, 'occurrence');
      checkText(input.unit, 'unit', 'id');
      checkText(input.by, 'by', 'id');
      checkOptionalText(input.note ?? null, 'note', 'text');
      const doneAt = storedInstant(input.doneAt, 'doneAt');
      const key = [input.propertyId, input.dutyId, input.occurrence];
      try {
        return await db.transaction(async (tx) => {
          const found = await tx.query(`SELECT ${FULFILMENT_COLUMNS} FROM duty_fulfilments WHERE property_id = $1 AND duty_id = $2 AND occurrence = $3`, key);
          if (found.rows[0]) return { fulfilment: toFulfilment(found.rows[0]), created: false };
          const { rows } = await tx.query(
            `INSERT INTO duty_fulfilments (${FULFILMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (property_id, duty_id, occurrence) DO NOTHING RETURNING ${FULFILMENT_COLUMNS}`,
            [...key, input.unit, doneAt, input.by, input.note ?? null, ctx.now()],
          );
          if (rows[0]) return { fulfilment: toFulfilment(rows[0]), created: true };
          // A concurrent writer recorded it between the look and the insert.
          const again = await tx.query(`SELECT ${FULFILMENT_COLUMNS} FROM duty_fulfilments WHERE property_id = $1 AND duty_id = $2 AND occurrence = $3`, key);
          return { fulfilment: toFulfilment(again.rows[0]!), created: false };
        });
      } catch (e) {
        return missingProperty(e, input.propertyId);
      }
    },

    async listFulfilments(propertyId, fromDate, toDate) {
      checkKey(propertyId, 'property');
      checkDate(fromDate, 'from');
      checkDate(toDate, 'to');
      const { rows } = await db.query(
        `SELECT ${FULFILMENT_COLUMNS} FROM duty_fulfilments
          WHERE property_id = $1 AND occurrence >= $2 AND occurrence <= $3
          ORDER BY duty_id, occurrence`,
        [propertyId, fromDate, toDate],
      );
      return rows.map(toFulfilment);
    },

    async watchDuties(propertyId, dutyIds, now) {
      checkKey(propertyId, 'property');
      dutyIds.forEach((id, i) => checkText(id, `${i}/dutyId`, 'name'));
      const since = storedInstant(now, 'now');
      try {
        return await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ duty_id: string; since: unknown }>('SELECT duty_id, since FROM duty_watch WHERE property_id = $1', [propertyId]);
          const seen = new Map(rows.map((r) => [r.duty_id, iso(r.since)]));
          const fresh = [...new Set(dutyIds)].filter((id) => !seen.has(id)).sort();
          if (fresh.length > 0) {
            await tx.query(
              `INSERT INTO duty_watch (property_id, duty_id, since) VALUES ${valueRows(fresh.length, 3)} ON CONFLICT (property_id, duty_id) DO NOTHING`,
              fresh.flatMap((id) => [propertyId, id, since]),
            );
            const again = await tx.query<{ duty_id: string; since: unknown }>('SELECT duty_id, since FROM duty_watch WHERE property_id = $1', [propertyId]);
            for (const r of again.rows) seen.set(r.duty_id, iso(r.since));
          }
          return new Map(dutyIds.map((id) => [id, seen.get(id)!]));
        });
      } catch (e) {
        return missingProperty(e, propertyId);
      }
    },

    async recordDutyLedger(entries) {
      const unique = new Map<string, DutyLedgerInput>();
      for (const [i, e] of entries.entries()) {
        checkText(e.propertyId, `${i}/propertyId`, 'id');
        checkText(e.dutyId, `${i}/dutyId`, 'name');
        checkDate(e.occurrence, `${i}/occurrence`);
        checkText(e.level, `${i}/level`, 'name');
        checkText(e.unit, `${i}/unit`, 'id');
        if (!PERIOD.test(e.period)) throw new ValidationError(`${i}/period`, `period must be YYYY-MM, got ${JSON.stringify(e.period)}`);
        if (!Number.isFinite(e.points)) throw new ValidationError(`${i}/points`, 'points must be a number');
        if (!unique.has(keyOf(e))) unique.set(keyOf(e), e);
      }
      const offered = [...unique.values()].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      if (offered.length === 0) return [];
      const reached = offered.map((e, i) => storedInstant(e.reachedAt, `${i}/reachedAt`));
      const recordedAt = ctx.now();
      try {
        return await db.transaction(async (tx) => {
          const properties = [...new Set(offered.map((e) => e.propertyId))];
          const existing = new Set<string>();
          for (const property of properties) {
            const { rows } = await tx.query<{ duty_id: string; occurrence: string }>('SELECT duty_id, occurrence FROM duty_ledger WHERE property_id = $1', [property]);
            for (const r of rows) existing.add(JSON.stringify([property, r.duty_id, r.occurrence]));
          }
          const batch = offered.flatMap((e, i) => (existing.has(keyOf(e)) ? [] : [{ e, at: reached[i]! }]));
          if (batch.length === 0) return [];
          const { rows } = await tx.query(
            `INSERT INTO duty_ledger (property_id, duty_id, occurrence, level, points, unit_id, period, reached_at, recorded_at)
             VALUES ${valueRows(batch.length, 9)}
             ON CONFLICT (property_id, duty_id, occurrence) DO NOTHING RETURNING ${LEDGER_COLUMNS}`,
            batch.flatMap(({ e, at }) => [e.propertyId, e.dutyId, e.occurrence, e.level, e.points, e.unit, e.period, at, recordedAt]),
          );
          return rows.map(toLedger).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
        });
      } catch (e) {
        return missingProperty(e, offered.map((o) => o.propertyId).join(', '));
      }
    },

    async listDutyLedger(filter) {
      const where: string[] = [];
      const values: unknown[] = [];
      const add = (column: string, value: string): void => {
        values.push(value);
        where.push(`${column} = $${values.length}`);
      };
      if (filter.propertyId !== undefined) add('property_id', checkKey(filter.propertyId, 'property'));
      if (filter.unit !== undefined) add('unit_id', checkKey(filter.unit, 'unit'));
      if (filter.period !== undefined) {
        if (!PERIOD.test(filter.period)) throw new ValidationError('period', `period must be YYYY-MM, got ${JSON.stringify(filter.period)}`);
        add('period', filter.period);
      }
      const { rows } = await db.query(
        `SELECT ${LEDGER_COLUMNS} FROM duty_ledger ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY reached_at, id`,
        values,
      );
      return rows.map(toLedger);
    },
  };
}

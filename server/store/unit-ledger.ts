// A unit's ledger entries, one list over the three ledgers a score nets
// (score-parts.ts): the levels its tickets reached (penalty_ledger, each with its
// reversal when voided since), the late or missing duties it owed (duty_ledger) and a
// company's share reds (company_share_ledger). What a score's drill-down shows: every
// entry behind the points, each naming its ticket or duty.
//
// Paged by keyset (reached_at, source, id): each ledger is read after the position, one
// more than the page, and the three are merged, so a page costs three indexed reads
// whatever the page number.
import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { ValidationError } from './errors.js';
import { iso, num } from './rows.js';
import { checkKey } from './text.js';

export type LedgerSource = 'ticket' | 'duty' | 'company';

/** The order sources sort in at one instant: the position's middle key. */
export const LEDGER_SOURCES: readonly LedgerSource[] = ['ticket', 'duty', 'company'];

export interface UnitLedgerEntry {
  source: LedgerSource;
  /** The entry's id in its own ledger. */
  id: number;
  unit: string;
  period: string;
  level: string;
  points: number;
  reachedAt: string;
  recordedAt: string;
  /** The ticket's property, or the duty's; null for a company's share red. */
  propertyId: string | null;
  /** The ticket charged, or the ticket whose households crossed the share (company); null for a duty. */
  ticketId: string | null;
  category: string | null;
  duty: { id: string; occurrence: string } | null;
  company: { id: string; cluster: string; households: number; total: number } | null;
  /** Set when the level was voided since (reversed, netted out of the score): why and when. */
  voided: { reason: { zh: string; en: string }; reversedAt: string } | null;
}

export interface UnitLedgerPosition {
  reachedAt: string;
  source: LedgerSource;
  id: number;
}

export interface UnitLedgerFilter {
  unit: string;
  /** Months YYYY-MM, both included. */
  fromPeriod: string;
  toPeriod: string;
  level?: string;
  /** Only entries of this property's tickets and duties (a company's reds belong to none). */
  propertyId?: string;
  after?: UnitLedgerPosition;
  limit: number;
}

export interface UnitLedgerStore {
  /** Up to `limit` entries after `after`, by (reachedAt, source, id). */
  listUnitLedger(filter: UnitLedgerFilter): Promise<UnitLedgerEntry[]>;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The most one read returns: a CSV of CSV_MAX_ROWS (routes/unit-ledger.ts) and the one past it. */
export const UNIT_LEDGER_MAX_LIMIT = 20_000;

const SELECTS: Record<LedgerSource, { from: string; property: string | null }> = {
  ticket: {
    from: `SELECT 'ticket' AS source, l.id, l.unit_id, l.period, l.level, l.points, l.reached_at, l.recorded_at, t.property_id, l.ticket_id, t.category,
                  NULL AS duty_id, NULL AS occurrence, NULL AS company_id, NULL AS cluster, NULL AS households, NULL AS total, r.reason_zh, r.reason_en, r.reversed_at
             FROM penalty_ledger l JOIN tickets t ON t.id = l.ticket_id LEFT JOIN ledger_reversals r ON r.entry_id = l.id`,
    property: 't.property_id',
  },
  duty: {
    from: `SELECT 'duty' AS source, l.id, l.unit_id, l.period, l.level, l.points, l.reached_at, l.recorded_at, l.property_id, NULL AS ticket_id, NULL AS category,
                  l.duty_id, l.occurrence, NULL AS company_id, NULL AS cluster, NULL AS households, NULL AS total, NULL AS reason_zh, NULL AS reason_en, NULL AS reversed_at
             FROM duty_ledger l`,
    property: 'l.property_id',
  },
  company: {
    from: `SELECT 'company' AS source, l.id, l.unit_id, l.period, l.level, l.points, l.reached_at, l.recorded_at, NULL AS property_id, l.ticket_id, NULL AS category,
                  NULL AS duty_id, NULL AS occurrence, l.company_id, l.cluster, l.households, l.total, NULL AS reason_zh, NULL AS reason_en, NULL AS reversed_at
             FROM company_share_ledger l`,
    property: null,
  },
};

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function toEntry(row: Row): UnitLedgerEntry {
  const source = String(row.source) as LedgerSource;
  return {
    source,
    id: num(row.id),
    unit: String(row.unit_id),
    period: String(row.period),
    level: String(row.level),
    points: num(row.points),
    reachedAt: iso(row.reached_at),
    recordedAt: iso(row.recorded_at),
    propertyId: text(row.property_id),
    ticketId: text(row.ticket_id),
    category: text(row.category),
    duty: source === 'duty' ? { id: String(row.duty_id), occurrence: String(row.occurrence) } : null,
    company: source === 'company' ? { id: String(row.company_id), cluster: String(row.cluster), households: num(row.households), total: num(row.total) } : null,
    voided: row.reversed_at === null || row.reversed_at === undefined ? null : { reason: { zh: String(row.reason_zh), en: String(row.reason_en) }, reversedAt: iso(row.reversed_at) },
  };
}

/** (reachedAt, source rank, id) ascending. */
export function compareEntries(a: UnitLedgerPosition, b: UnitLedgerPosition): number {
  const at = Date.parse(a.reachedAt) - Date.parse(b.reachedAt);
  if (at !== 0) return at;
  const rank = LEDGER_SOURCES.indexOf(a.source) - LEDGER_SOURCES.indexOf(b.source);
  return rank !== 0 ? rank : a.id - b.id;
}

export function unitLedgerStore(ctx: StoreContext): UnitLedgerStore {
  const { db } = ctx;
  return {
    async listUnitLedger(filter) {
      checkKey(filter.unit, 'unit');
      for (const [field, value] of [['from', filter.fromPeriod], ['to', filter.toPeriod]] as const) {
        if (!PERIOD.test(value)) throw new ValidationError(field, `${field} must be YYYY-MM, got ${JSON.stringify(value)}`);
      }
      checkKey(filter.level, 'level');
      checkKey(filter.propertyId, 'propertyId');
      if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > UNIT_LEDGER_MAX_LIMIT) throw new ValidationError('limit', `limit must be 1 to ${UNIT_LEDGER_MAX_LIMIT}`);
      const found: UnitLedgerEntry[] = [];
      for (const source of LEDGER_SOURCES) {
        const { from, property } = SELECTS[source];
        if (filter.propertyId !== undefined && property === null) continue;
        const values: unknown[] = [filter.unit, filter.fromPeriod, filter.toPeriod];
        const where = ['l.unit_id = $1', 'l.period >= $2', 'l.period <= $3'];
        const add = (sql: (p: string) => string, value: unknown) => {
          values.push(value);
          where.push(sql(`$${values.length}`));
        };
        if (filter.level !== undefined) add((p) => `l.level = ${p}`, filter.level);
        if (filter.propertyId !== undefined && property !== null) add((p) => `${property} = ${p}`, filter.propertyId);
        const after = filter.after;
        if (after !== undefined) {
          // After the position: a later instant; at the same instant, a later source, or the same source and a greater id.
          const rank = LEDGER_SOURCES.indexOf(source) - LEDGER_SOURCES.indexOf(after.source);
          values.push(new Date(after.reachedAt));
          const at = `$${values.length}`;
          if (rank < 0) where.push(`l.reached_at > ${at}`);
          else if (rank > 0) where.push(`l.reached_at >= ${at}`);
          else add((p) => `(l.reached_at > ${at} OR (l.reached_at = ${at} AND l.id > ${p}))`, after.id);
        }
        values.push(filter.limit);
        const { rows } = await db.query(`${from} WHERE ${where.join(' AND ')} ORDER BY l.reached_at, l.id LIMIT $${values.length}`, values);
        found.push(...rows.map(toEntry));
      }
      return found.sort(compareEntries).slice(0, filter.limit);
    },
  };
}

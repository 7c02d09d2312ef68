// The company share ledger: one red per company, problem and window (004 第十一条(三)2),
// charged to the company as a unit. The window is decided by the service
// (company-share/clusters.ts); the store keeps each raise once.
import type { StoreContext } from './context.js';
import type { Row } from './db.js';
import { ValidationError } from './errors.js';
import { iso, num, storedInstant, valueRows } from './rows.js';
import { checkKey, checkText } from './text.js';

export interface CompanyShareInput {
  companyId: string;
  cluster: string;
  ticketId: string;
  households: number;
  total: number;
  level: string;
  points: number;
  unit: string;
  period: string;
  reachedAt: Date | string;
}

export interface CompanyShareEntry extends Omit<CompanyShareInput, 'reachedAt'> {
  id: number;
  reachedAt: string;
  recordedAt: string;
}

export interface CompanyShareStore {
  /** Records the raises not recorded yet (same company, problem and instant); returns those. */
  recordCompanyShare(entries: CompanyShareInput[]): Promise<CompanyShareEntry[]>;
  /** The company's raises, oldest first. */
  listCompanyShare(companyId: string): Promise<CompanyShareEntry[]>;
}

const COLUMNS = 'id, company_id, cluster, ticket_id, households, total, level, points, unit_id, period, reached_at, recorded_at';
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function toEntry(row: Row): CompanyShareEntry {
  return {
    id: num(row.id),
    companyId: String(row.company_id),
    cluster: String(row.cluster),
    ticketId: String(row.ticket_id),
    households: num(row.households),
    total: num(row.total),
    level: String(row.level),
    points: num(row.points),
    unit: String(row.unit_id),
    period: String(row.period),
    reachedAt: iso(row.reached_at),
    recordedAt: iso(row.recorded_at),
  };
}

export function companyShareStore(ctx: StoreContext): CompanyShareStore {
  const { db } = ctx;
  return {
    async recordCompanyShare(entries) {
      const checked = entries.map((e, i) => {
        checkText(e.companyId, `${i}/companyId`, 'id');
        checkText(e.cluster, `${i}/cluster`, 'text');
        checkText(e.ticketId, `${i}/ticketId`, 'id');
        checkText(e.level, `${i}/level`, 'name');
        checkText(e.unit, `${i}/unit`, 'id');
        if (!PERIOD.test(e.period)) throw new ValidationError(`${i}/period`, `period must be YYYY-MM, got ${JSON.stringify(e.period)}`);
        for (const field of ['households', 'total'] as const) if (!Number.isInteger(e[field]) || e[field] < 0) throw new ValidationError(`${i}/${field}`, `${field} must be a whole number`);
        if (!Number.isFinite(e.points)) throw new ValidationError(`${i}/points`, 'points must be a number');
        return { e, at: storedInstant(e.reachedAt, `${i}/reachedAt`) };
      });
      if (checked.length === 0) return [];
      const recordedAt = ctx.now();
      return db.transaction(async (tx) => {
        const companies = [...new Set(checked.map((c) => c.e.companyId))];
        const seen = new Set<string>();
        for (const company of companies) {
          const { rows } = await tx.query<{ cluster: string; reached_at: unknown }>('SELECT cluster, reached_at FROM company_share_ledger WHERE company_id = $1', [company]);
          for (const r of rows) seen.add(JSON.stringify([company, r.cluster, iso(r.reached_at)]));
        }
        const batch = checked.filter(({ e, at }) => {
          const key = JSON.stringify([e.companyId, e.cluster, at.toISOString()]);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        if (batch.length === 0) return [];
        const { rows } = await tx.query(
          `INSERT INTO company_share_ledger (company_id, cluster, ticket_id, households, total, level, points, unit_id, period, reached_at, recorded_at)
           VALUES ${valueRows(batch.length, 11)} RETURNING ${COLUMNS}`,
          batch.flatMap(({ e, at }) => [e.companyId, e.cluster, e.ticketId, e.households, e.total, e.level, e.points, e.unit, e.period, at, recordedAt]),
        );
        return rows.map(toEntry);
      });
    },

    async listCompanyShare(companyId) {
      checkKey(companyId, 'companyId');
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM company_share_ledger WHERE company_id = $1 ORDER BY reached_at, id`, [companyId]);
      return rows.map(toEntry);
    },
  };
}

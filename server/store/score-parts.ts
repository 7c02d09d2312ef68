// What a unit's score is made of in a period: the levels its tickets reached (penalty
// ledger), less the reversed ones (voided levels), plus the late or missing duties it
// owed (duty ledger). Scores are the net: charged + duties - voided, by level.
import type { Db, Row } from './db.js';
import { num } from './rows.js';

export interface ScorePart {
  points: number;
  counts: Record<string, number>;
}

export interface ScoreParts {
  unit: string;
  period: string;
  /** Levels the unit's tickets reached, as recorded (reversed ones included). */
  charged: ScorePart;
  /** Of those, the reversed (voided) ones. */
  voided: ScorePart;
  /** Late or missing duty occurrences. */
  duties: ScorePart;
  /** Reds of a company whose same problem reached 5% of its households (004 第十一条(三)2), when the unit is the company. */
  company: ScorePart;
}

const round = (n: number): number => Math.round(n * 100) / 100;
const empty = (): ScorePart => ({ points: 0, counts: {} });

/** Rows (unit_id, level, n, points) as parts by unit. */
function byUnit(rows: Row[]): Map<string, ScorePart> {
  const out = new Map<string, ScorePart>();
  for (const row of rows) {
    const unit = String(row.unit_id);
    const part = out.get(unit) ?? empty();
    part.points = round(part.points + num(row.points));
    part.counts[String(row.level)] = (part.counts[String(row.level)] ?? 0) + num(row.n);
    out.set(unit, part);
  }
  return out;
}

/** The net of parts: charged - voided + duties + company, levels with no entry left out. */
export function netOf(parts: Pick<ScoreParts, 'charged' | 'voided' | 'duties' | 'company'>): ScorePart {
  const counts: Record<string, number> = { ...parts.charged.counts };
  for (const [level, n] of Object.entries(parts.voided.counts)) counts[level] = (counts[level] ?? 0) - n;
  for (const part of [parts.duties, parts.company]) for (const [level, n] of Object.entries(part.counts)) counts[level] = (counts[level] ?? 0) + n;
  for (const level of Object.keys(counts)) if (counts[level] === 0) delete counts[level];
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { points: round(parts.charged.points - parts.voided.points + parts.duties.points + parts.company.points), counts: sorted };
}

/**
 * The parts of every unit charged in `period`, optionally only `unit`'s or only those
 * of one property's tickets and duties. Inputs are checked by the caller.
 */
export async function scoreParts(db: Db, period: string, filter: { unit?: string; propertyId?: string }): Promise<ScoreParts[]> {
  const values: unknown[] = [period];
  const ticketWhere = ['l.period = $1'];
  const dutyWhere = ['period = $1'];
  if (filter.unit !== undefined) {
    values.push(filter.unit);
    ticketWhere.push(`l.unit_id = $${values.length}`);
    dutyWhere.push(`unit_id = $${values.length}`);
  }
  if (filter.propertyId !== undefined) {
    values.push(filter.propertyId);
    ticketWhere.push(`t.property_id = $${values.length}`);
    dutyWhere.push(`property_id = $${values.length}`);
  }
  const join = filter.propertyId !== undefined ? 'JOIN tickets t ON t.id = l.ticket_id' : '';
  const charged = await db.query(
    `SELECT l.unit_id, l.level, count(*)::int AS n, sum(l.points) AS points FROM penalty_ledger l ${join}
      WHERE ${ticketWhere.join(' AND ')} GROUP BY l.unit_id, l.level`,
    values,
  );
  const voided = await db.query(
    `SELECT l.unit_id, l.level, count(*)::int AS n, sum(l.points) AS points
       FROM ledger_reversals r JOIN penalty_ledger l ON l.id = r.entry_id ${join}
      WHERE ${ticketWhere.join(' AND ')} GROUP BY l.unit_id, l.level`,
    values,
  );
  const duties = await db.query(
    `SELECT unit_id, level, count(*)::int AS n, sum(points) AS points FROM duty_ledger
      WHERE ${dutyWhere.join(' AND ')} GROUP BY unit_id, level`,
    values,
  );
  // A company's reds belong to no property's tickets: left out of a property's list.
  const company =
    filter.propertyId === undefined
      ? await db.query(
          `SELECT unit_id, level, count(*)::int AS n, sum(points) AS points FROM company_share_ledger
            WHERE ${ticketWhere.map((w) => w.replace('l.', '')).join(' AND ')} GROUP BY unit_id, level`,
          values,
        )
      : { rows: [] };
  const [c, v, d, k] = [byUnit(charged.rows), byUnit(voided.rows), byUnit(duties.rows), byUnit(company.rows)];
  const units = [...new Set([...c.keys(), ...d.keys(), ...k.keys()])].sort();
  return units.map((unit) => ({ unit, period, charged: c.get(unit) ?? empty(), voided: v.get(unit) ?? empty(), duties: d.get(unit) ?? empty(), company: k.get(unit) ?? empty() }));
}

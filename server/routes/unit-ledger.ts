// GET /v1/units/{unit}/ledger?period= | from=&to= [&level=&property=&limit=&cursor=]: the
// entries behind a unit's score (store/unit-ledger.ts), each naming its ticket or duty, so
// a score can be drilled down to the tickets that made it. Paged by cursor; `Accept:
// text/csv` gives every entry of the range (at most CSV_MAX_ROWS) as one CSV. Who may read
// it is who may read the unit's scores: signed-in users and API keys as their owner,
// managers and viewers for the units of their properties only.
import { Router, type Request } from 'express';
import { assertPropertyAccess, callerOf, propertiesOf, requireCaller } from '../auth/index.js';
import { HttpError, LEDGER_CSV_TOO_LARGE, LEDGER_RANGE, UNKNOWN_UNIT } from '../errors.js';
import { LEDGER_SOURCES, type LedgerSource, type Repository, type UnitLedgerEntry, type UnitLedgerFilter, type UnitLedgerPosition } from '../store/index.js';
import { sendCsv } from './csv.js';
import { cursorParam, encodeCursor, intParam, queryMistake, textParam } from './query.js';

export const LEDGER_PAGE = { default: 100, max: 500 } as const;
/** A CSV is built in memory: a range beyond this is asked to be narrowed (H561). */
export const CSV_MAX_ROWS = 10_000;
/** At most two years in one request: a range is a drill-down, not a dump. */
export const MAX_MONTHS = 24;
const LIST = 'unit-ledger';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function isPosition(p: unknown): p is UnitLedgerPosition {
  if (typeof p !== 'object' || p === null) return false;
  const { reachedAt, source, id } = p as Record<string, unknown>;
  return typeof reachedAt === 'string' && reachedAt.length <= 30 && !Number.isNaN(Date.parse(reachedAt)) && LEDGER_SOURCES.includes(source as LedgerSource) && Number.isSafeInteger(id) && (id as number) > 0;
}

function monthParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = textParam(query, name);
  if (value !== undefined && !MONTH.test(value)) throw queryMistake(name, `${name} must be a month YYYY-MM, e.g. 2026-03; got ${JSON.stringify(value)}.`);
  return value;
}

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** The months asked for: `period` alone, or `from` (and `to`, `from` by default); one of them is required. */
export function monthRange(query: Record<string, unknown>): { from: string; to: string } {
  const period = monthParam(query, 'period');
  const from = monthParam(query, 'from');
  const to = monthParam(query, 'to');
  if (period !== undefined) {
    if (from !== undefined || to !== undefined) throw queryMistake('period', 'Give period (one month) or from and to (a range), not both.', LEDGER_RANGE);
    return { from: period, to: period };
  }
  if (from === undefined) throw queryMistake(to === undefined ? 'period' : 'from', 'Give period=YYYY-MM, or from=YYYY-MM (and to=YYYY-MM) for a range of months.', LEDGER_RANGE);
  const last = to ?? from;
  if (monthIndex(last) < monthIndex(from)) throw queryMistake('to', `to (${last}) is before from (${from}).`, LEDGER_RANGE);
  if (monthIndex(last) - monthIndex(from) + 1 > MAX_MONTHS) throw queryMistake('to', `A range covers at most ${MAX_MONTHS} months; ${from} to ${last} is longer.`, LEDGER_RANGE);
  return { from, to: last };
}

function unknownUnit(unit: string): HttpError {
  const message = `'${unit}' is not a unit: no property registers it and no stored ticket names it (encode its slash: jinxiu-garden%2Fengineering).`;
  return new HttpError(404, 'unknown-unit', 'Unknown unit', message, [{ pointer: '{unit}', code: UNKNOWN_UNIT, message }]);
}

const CSV_HEADER = ['source', 'unit', 'period', 'level', 'points', 'voided', 'reached_at', 'property', 'ticket', 'category', 'duty', 'occurrence', 'company', 'voided_reason'];

function csvRow(e: UnitLedgerEntry): (string | number | null)[] {
  return [e.source, e.unit, e.period, e.level, e.points, e.voided ? 'yes' : 'no', e.reachedAt, e.propertyId, e.ticketId, e.category, e.duty?.id ?? null, e.duty?.occurrence ?? null, e.company?.id ?? null, e.voided?.reason.zh ?? null];
}

async function readFilter(repository: Repository, req: Request): Promise<Omit<UnitLedgerFilter, 'limit' | 'after'>> {
  const unit = String(req.params['unit']);
  const query = req.query as Record<string, unknown>;
  const { from, to } = monthRange(query);
  const level = textParam(query, 'level');
  const property = textParam(query, 'property');
  const caller = callerOf(req);
  const owners = await repository.propertiesOfUnit(unit);
  if (owners.length === 0) throw unknownUnit(unit);
  // As the unit's scores: a manager or viewer (or their key) sees the units of their own properties only.
  if (propertiesOf(caller)) for (const owner of owners) assertPropertyAccess(caller, owner, 'see unit ledger entries');
  if (property !== undefined) assertPropertyAccess(caller, property, 'see unit ledger entries');
  return { unit, fromPeriod: from, toPeriod: to, ...(level !== undefined ? { level } : {}), ...(property !== undefined ? { propertyId: property } : {}) };
}

export function unitLedgerRoutes(repository: Repository, csvMaxRows: number = CSV_MAX_ROWS): Router {
  const router = Router();

  router.get('/v1/units/:unit/ledger', requireCaller({ keys: true }), async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const limit = intParam(query, 'limit', 1, LEDGER_PAGE.max) ?? LEDGER_PAGE.default;
    const after = cursorParam(query, LIST, isPosition);
    const filter = await readFilter(repository, req);
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
      const all = await repository.listUnitLedger({ ...filter, limit: csvMaxRows + 1 });
      if (all.length > csvMaxRows) {
        const message = `More than ${csvMaxRows} entries: narrow the months or name a level, or read the JSON pages.`;
        throw new HttpError(400, 'too-many-entries', 'Too many entries for one CSV', message, [{ pointer: '?from', code: LEDGER_CSV_TOO_LARGE, message }]);
      }
      sendCsv(res, `ledger-${filter.unit}-${filter.fromPeriod}-${filter.toPeriod}.csv`, CSV_HEADER, all.map(csvRow));
      return;
    }
    // One more than the page: whether a next page exists without counting.
    const rows = await repository.listUnitLedger({ ...filter, limit: limit + 1, ...(after ? { after } : {}) });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(LIST, { reachedAt: last.reachedAt, source: last.source, id: last.id } satisfies UnitLedgerPosition) : null;
    const body: { unit: string; from: string; to: string; items: UnitLedgerEntry[]; nextCursor: string | null } = { unit: filter.unit, from: filter.fromPeriod, to: filter.toPeriod, items: page, nextCursor };
    res.json(body);
  });

  return router;
}

// How pressing an open ticket is, for the desk supervisor's list: breached first, then
// due within the hour, then by time to the next due; a ticket with nothing due last.
import type { TicketQuery, TicketRow } from '../../api/index.js';

export type Urgency = 'breached' | 'soon' | 'later' | 'none';

const HOUR_MS = 60 * 60 * 1000;
const RANK: Record<Urgency, number> = { breached: 0, soon: 1, later: 2, none: 3 };

export function urgencyOf(row: TicketRow, nowMs: number): Urgency {
  if (row.breached.length > 0) return 'breached';
  if (!row.nextDue) return 'none';
  // A due already past that the server has not yet marked breached is as urgent as one.
  const left = Date.parse(row.nextDue.at) - nowMs;
  if (left < 0) return 'breached';
  return left <= HOUR_MS ? 'soon' : 'later';
}

/** The rows most urgent first; within a rank the soonest due, then by id so a refresh does not shuffle ties. */
export function byUrgency(rows: readonly TicketRow[], nowMs: number): TicketRow[] {
  const due = (r: TicketRow): number => (r.nextDue ? Date.parse(r.nextDue.at) : Number.POSITIVE_INFINITY);
  return [...rows].sort((a, b) => RANK[urgencyOf(a, nowMs)] - RANK[urgencyOf(b, nowMs)] || due(a) - due(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whole minutes from now to the next due: negative once it has passed. */
export function minutesToDue(row: TicketRow, nowMs: number): number | null {
  if (!row.nextDue) return null;
  const ms = Date.parse(row.nextDue.at) - nowMs;
  return ms >= 0 ? Math.ceil(ms / 60_000) : -Math.ceil(-ms / 60_000);
}

export interface TicketFilters {
  property: string;
  unit: string;
  state: 'open' | 'closed' | 'breached';
  /** The value of a datetime-local input ('' when unset), read in the browser's zone. */
  dueBefore: string;
}

export const NO_FILTERS: TicketFilters = { property: '', unit: '', state: 'open', dueBefore: '' };

/** The earliest and latest instants the API accepts (1970..2200). */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** The query for the filters, or 'bad-due-before' when the instant cannot be sent. */
export function queryOfFilters(filters: TicketFilters, limit: number): TicketQuery | 'bad-due-before' {
  const query: TicketQuery = { state: filters.state, limit };
  if (filters.property) query.property = filters.property;
  if (filters.unit) query.unit = filters.unit;
  if (filters.dueBefore) {
    // datetime-local has no zone: new Date() reads it in the browser's, as the user meant.
    const ms = new Date(filters.dueBefore).getTime();
    if (!Number.isFinite(ms) || ms < EARLIEST || ms > LATEST) return 'bad-due-before';
    query.dueBefore = new Date(ms).toISOString();
  }
  return query;
}

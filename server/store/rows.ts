// Small helpers for turning rows into records and inputs into parameters, the same on
// every backend (pg gives Dates, pg-mem sometimes strings; counts arrive as numbers
// or strings depending on the type).

import { StoreError, ValidationError } from './errors.js';

export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  throw new StoreError(`expected a timestamp from the database, got ${JSON.stringify(value)}`);
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

export function num(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(n)) throw new StoreError(`expected a number from the database, got ${JSON.stringify(value)}`);
  return n;
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** An instant given by a caller (Date or ISO 8601 text with an offset), checked. */
export function instant(value: Date | string, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/(Z|[+-]\d{2}:?\d{2})$/i.test(value))) {
    throw new ValidationError(field, `${field} must be an ISO 8601 instant with an offset, got ${JSON.stringify(value)}`);
  }
  return date;
}

/** Written instants lie in [1900, 2300): wider than any ticket, narrower than where the backends part ways. */
export const STORED_INSTANTS = { from: Date.UTC(1900, 0, 1), to: Date.UTC(2300, 0, 1) } as const;

/**
 * An instant to be written, checked as `instant` and bounded: a year-50 or year-9999 time
 * is a typing mistake, each backend keeps such years differently (PostgreSQL has no year
 * 0), and a stored one would cost every later start that reads it (a sweep evaluating
 * centuries of business time).
 */
export function storedInstant(value: Date | string, field: string): Date {
  const date = instant(value, field);
  if (date.getTime() < STORED_INSTANTS.from || date.getTime() >= STORED_INSTANTS.to) {
    throw new ValidationError(field, `${field} must lie between 1900 and 2299, got ${JSON.stringify(value instanceof Date ? value.toISOString() : value)}`);
  }
  return date;
}

/** "$1, $2, …" for `count` parameters starting at `start`: IN lists (pg-mem lacks = ANY($1)). */
export function params(count: number, start = 1): string {
  return Array.from({ length: count }, (_, i) => `$${start + i}`).join(', ');
}

/** "($1, $2), ($3, $4)" for a multi-row VALUES of `rows` rows of `width` columns. */
export function valueRows(rows: number, width: number, start = 1): string {
  return Array.from({ length: rows }, (_, r) => `(${params(width, start + r * width)})`).join(', ');
}

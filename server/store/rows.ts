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

/** "$1, $2, …" for `count` parameters starting at `start`: IN lists (pg-mem lacks = ANY($1)). */
export function params(count: number, start = 1): string {
  return Array.from({ length: count }, (_, i) => `$${start + i}`).join(', ');
}

/** "($1, $2), ($3, $4)" for a multi-row VALUES of `rows` rows of `width` columns. */
export function valueRows(rows: number, width: number, start = 1): string {
  return Array.from({ length: rows }, (_, r) => `(${params(width, start + r * width)})`).join(', ');
}

// Query parameters read by the list routes (tickets, audit): each bounded and checked,
// a mistake a 400 pointing at `?name`. Page cursors are opaque: base64url JSON naming
// the list they belong to, so a cursor of one list is refused by another.
import { inSupportedRange, instantMs, INSTANT_RANGE_TEXT } from '../../engine/index.js';
import { BAD_CURSOR, INSTANT_OUT_OF_RANGE, InvalidRequestError, QUERY_INVALID } from '../errors.js';

/** Ids, names and enum values in a query: the store's id bound. */
const MAX_QUERY_TEXT = 200;
const MAX_CURSOR = 1000;

export function queryMistake(name: string, message: string, code = QUERY_INVALID): InvalidRequestError {
  return new InvalidRequestError(`The query parameter ${name} is not valid.`, [{ pointer: `?${name}`, code, message }]);
}

/** The parameter's one value; undefined when absent or empty; repeated is a mistake. */
export function textParam(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw queryMistake(name, `Give ${name} once, as text.`);
  if (value.length > MAX_QUERY_TEXT) throw queryMistake(name, `${name} is longer than ${MAX_QUERY_TEXT} characters.`);
  return value;
}

export function enumParam<T extends string>(query: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw queryMistake(name, `${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
  return value as T;
}

export function intParam(query: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw queryMistake(name, `${name} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  return n;
}

/** An ISO 8601 instant with an offset, inside the engine's range (as E208 judges tickets). */
export function instantParam(query: Record<string, unknown>, name: string): Date | undefined {
  const value = textParam(query, name);
  if (value === undefined) return undefined;
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? instantMs(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw queryMistake(name, `${name} must be an ISO 8601 instant with an offset, e.g. 2026-03-02T18:00:00+08:00; got ${JSON.stringify(value)}.`);
  if (!inSupportedRange(ms)) throw queryMistake(name, `${name} '${value}' is outside the instants Beacon supports: use one from ${INSTANT_RANGE_TEXT}.`, INSTANT_OUT_OF_RANGE);
  return new Date(ms);
}

export function encodeCursor(list: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ l: list, p: position }), 'utf8').toString('base64url');
}

/** The position a cursor of `list` holds, checked by `valid`; a 400 at `?cursor` otherwise. */
export function cursorParam<T>(query: Record<string, unknown>, list: string, valid: (p: unknown) => p is T): T | undefined {
  const value = query['cursor'];
  if (value === undefined || value === '') return undefined;
  const refuse = () => queryMistake('cursor', 'cursor must be the nextCursor of an earlier page of this list, unchanged.', BAD_CURSOR);
  if (typeof value !== 'string' || value.length > MAX_CURSOR || !/^[A-Za-z0-9_-]+$/.test(value)) throw refuse();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const { l, p } = (decoded ?? {}) as { l?: unknown; p?: unknown };
  if (l !== list || !valid(p)) throw refuse();
  return p;
}

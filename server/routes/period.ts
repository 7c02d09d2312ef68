// The `?period=YYYY-MM` query parameter shared by the routes that report by month.
import { InvalidRequestError } from '../errors.js';
import { REQUEST_INVALID } from '../schemas/index.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month asked for, or a 400 problem pointing at /period. */
export function periodParam(value: unknown): string {
  if (typeof value === 'string' && PERIOD.test(value)) return value;
  throw new InvalidRequestError('period must be a month, YYYY-MM.', [
    { pointer: '/period', code: REQUEST_INVALID, message: `The query parameter period must be YYYY-MM, e.g. 2026-11; got ${JSON.stringify(value ?? null)}.` },
  ]);
}

// The small JSON bodies of the auth, user and key routes: parsed with a tight limit and
// checked against their schema, every mistake with its pointer.
import express, { type Request, type RequestHandler } from 'express';
import { mistakesIn, UnsupportedMediaTypeError } from '../errors.js';
import { check } from '../schemas/index.js';

export const SMALL_BODY_LIMIT = '16kb';
const JSON_TYPES = ['application/json', 'application/*+json'];

export const smallJson: RequestHandler = express.json({ limit: SMALL_BODY_LIMIT, type: JSON_TYPES });
/** For the setup page's HTML form. */
export const smallForm: RequestHandler = express.urlencoded({ limit: SMALL_BODY_LIMIT, extended: false });

/** The body, checked against `schema`; 415 when it is not JSON (or, with form: true, a form). */
export function bodyOf<T>(req: Request, schema: object, options: { form?: boolean } = {}): T {
  const types = options.form ? [...JSON_TYPES, 'application/x-www-form-urlencoded'] : JSON_TYPES;
  if (!req.is(types)) throw new UnsupportedMediaTypeError(`Send ${types.join(' or ')}, not ${req.get('content-type') ?? 'no content type'}.`);
  const checked = check<T>(schema, req.body);
  if (!checked.ok) throw mistakesIn('request', checked.errors);
  return checked.value;
}

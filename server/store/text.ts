// Bounds on the text the store keeps, checked before any SQL runs so that every backend
// answers alike: no NUL character (PostgreSQL and PGlite refuse it, pg-mem stores it),
// no lone surrogate (not Unicode: see below), and no text longer than its field's bound (an id or a name is an index entry, and
// PostgreSQL refuses an index entry over about 2,700 bytes: 200 characters of up to 4
// bytes each stay clear of that). The bounds match or exceed what the API's schemas
// allow, so a request the schemas pass is never refused here; these guard the rest
// (the CLI, imports, future routes).

import { InvalidTextError } from './errors.js';

export const TEXT_LIMITS = {
  /** Ids and keys: organisations, units, tickets, versions, users, keys, actors, scopes. */
  id: 200,
  /** Names and labels: of organisations, units, users, keys; categories, levels, event types. */
  name: 200,
  /** A ticket's free text (a note, an attribute the policy declares) and audit details. */
  text: 10_000,
  /** Hashes: of passwords (scrypt, with its parameters), tokens, policy sources. */
  hash: 1_000,
  /** A policy version's source (the API allows 1,000,000 characters). */
  source: 2_000_000,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/**
 * Half of a UTF-16 surrogate pair without the other half (JSON may carry one as "\ud800"):
 * not Unicode, so PostgreSQL stores U+FFFD in text and refuses it in jsonb, and pg-mem keeps it.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `value` when it is text the store may keep in `field`; InvalidTextError otherwise. */
export function checkText(value: string, field: string, kind: TextKind): string {
  if (typeof value !== 'string') return value; // a type mistake is the caller's check; SQL refuses it alike
  if (value.includes('\u0000')) throw new InvalidTextError(field, 'nul');
  if (LONE_SURROGATE.test(value)) throw new InvalidTextError(field, 'ill-formed');
  const max = TEXT_LIMITS[kind];
  if (value.length > max) throw new InvalidTextError(field, 'too-long', max);
  return value;
}

/**
 * A value a lookup or filter compares with: refused only for what no backend can compare
 * alike (NUL, a lone surrogate); a long one merely matches nothing.
 */
export function checkKey<T extends string | null | undefined>(value: T, field: string): T {
  if (typeof value !== 'string') return value;
  if (value.includes('\u0000')) throw new InvalidTextError(field, 'nul');
  if (LONE_SURROGATE.test(value)) throw new InvalidTextError(field, 'ill-formed');
  return value;
}

/** As checkText, for a value that may be absent or null. */
export function checkOptionalText<T extends string | null | undefined>(value: T, field: string, kind: TextKind): T {
  if (typeof value === 'string') checkText(value, field, kind);
  return value;
}

/** Escapes a key as a JSON pointer token. */
function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Checks every key and string inside a JSON value (keys as names, strings as `kind`),
 * with the pointer of the first offence under `field`. NUL is refused in keys too:
 * jsonb keeps keys as text.
 */
export function checkJsonText(value: unknown, field: string, kind: TextKind): void {
  const at = (key: string): string => (field === '' ? token(key) : `${field}/${token(key)}`);
  if (typeof value === 'string') {
    checkText(value, field, kind);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkJsonText(item, at(String(i)), kind));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (key.includes('\u0000')) throw new InvalidTextError(at(key.replace(/\u0000/g, '')), 'nul');
      checkText(key, at(key), 'name');
      checkJsonText(item, at(key), kind);
    }
  }
}

/**
 * Refuses NUL or a lone surrogate in any text parameter of a statement: the last guard,
 * for text no check above named, so that no backend ever sees it.
 */
export function refuseUnstorableParameters(params: readonly unknown[] | undefined): void {
  if (!params) return;
  for (const value of params) {
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000')) throw new InvalidTextError('', 'nul');
    if (LONE_SURROGATE.test(value)) throw new InvalidTextError('', 'ill-formed');
  }
}

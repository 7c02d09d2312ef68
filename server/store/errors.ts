// The store's typed errors. Nothing else leaves the store: driver errors become a
// DbError (with its SQLSTATE) or one of the domain errors below, which the HTTP layer
// maps to statuses (NotFound 404, Conflict and StaleBase 409, Validation 400/422,
// anything else 500 with its details hidden).

export class StoreError extends Error {
  override name = 'StoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A referenced row does not exist: `entity` is a table's singular name, `id` its key. */
export class NotFoundError extends StoreError {
  override name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`${entity} "${id}" not found`, options);
  }
}

/** The change contradicts the current state: a duplicate name, an already active version. */
export class ConflictError extends StoreError {
  override name = 'ConflictError';
}

/**
 * A unique key clash: `entity` (a table's singular name) with `key` exists already. The
 * repository raises it from the clash itself, so it is the same on every backend,
 * whatever name or SQLSTATE the backend gave the violated constraint.
 */
export class DuplicateError extends ConflictError {
  override name = 'DuplicateError';
  constructor(
    readonly entity: string,
    readonly key: string,
    message = `${entity} "${key}" exists already`,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * A draft was based on a version that is no longer the latest of its scope: someone
 * else saved a version in between. The client reloads the latest and merges.
 */
export class StaleBaseError extends ConflictError {
  override name = 'StaleBaseError';
  constructor(
    readonly scopeId: string,
    readonly baseVersionId: string | null,
    /** The latest version when the draft was refused; null when another writer won a race we saw only as a key clash. */
    readonly latestVersionId: string | null,
    options?: { cause?: unknown },
  ) {
    super(
      `policy draft for "${scopeId}" is based on ${baseVersionId === null ? 'no version' : `version ${baseVersionId}`}` +
        `, but the latest is ${latestVersionId === null ? 'newer' : latestVersionId}`,
      options,
    );
  }
}

/**
 * A write that would change a row of a property the writer may not write: say, a
 * manager's ticket whose id is already a ticket of another property.
 */
export class OutOfScopeError extends StoreError {
  override name = 'OutOfScopeError';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly property: string,
  ) {
    super(`${entity} "${id}" belongs to property "${property}", which the writer may not write`);
  }
}

/** Input that breaks a rule the store keeps (a branch under a property, an unknown time zone). */
export class ValidationError extends StoreError {
  override name = 'ValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Text the store will not keep: a NUL character (U+0000), which PostgreSQL and PGlite
 * refuse in text and jsonb while pg-mem stores it; a lone surrogate, which is not
 * Unicode (PostgreSQL alters it in text and refuses it in jsonb); or text longer than the store's bound
 * for the field (an id must fit an index entry, a note need not be a novel). Refused
 * before any SQL runs, so every backend answers alike. `field` is a JSON pointer's
 * tokens ("events/0/note"), as for any ValidationError.
 */
export class InvalidTextError extends ValidationError {
  override name = 'InvalidTextError';
  constructor(
    field: string,
    readonly problem: 'nul' | 'ill-formed' | 'too-long',
    /** The longest the field may be, in characters (UTF-16 code units, as JavaScript counts). */
    readonly maxLength?: number,
  ) {
    super(
      field,
      problem === 'nul'
        ? `${field || 'a value'} contains the NUL character (U+0000), which cannot be stored; remove it`
        : problem === 'ill-formed'
          ? `${field || 'a value'} contains half of a UTF-16 surrogate pair (say "\\ud800" alone), which is not Unicode text; send the whole character`
          : `${field || 'a value'} is longer than ${maxLength} characters; shorten it`,
    );
  }
}

/**
 * A database error, the same on every backend: `code` is the SQLSTATE
 * (23505 unique, 23503 foreign key, 23514 check, XX000 when the backend gave none).
 */
export class DbError extends StoreError {
  override name = 'DbError';
  constructor(
    message: string,
    readonly code: string,
    readonly constraint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';
export const NOT_NULL_VIOLATION = '23502';

export function isDbError(e: unknown, code: string): e is DbError {
  return e instanceof DbError && e.code === code;
}

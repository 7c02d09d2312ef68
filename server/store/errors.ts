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

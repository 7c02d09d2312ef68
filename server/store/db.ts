// The handle every repository function takes: a `pg`-compatible subset that the three
// backends (PostgreSQL, PGlite, pg-mem) implement in ./adapters. Differences between
// the backends are handled there, never by weakening what PostgreSQL does.

import { DbError } from './errors.js';

export type Row = Record<string, unknown>;

export interface QueryResult<T> {
  rows: T[];
  /** Rows inserted, updated, deleted or returned by the statement. */
  rowCount: number;
}

export type Dialect = 'postgres' | 'pglite' | 'pg-mem';

/** What each backend's adapter provides: SQL, transactions and advisory locks. */
export interface SqlDb {
  readonly dialect: Dialect;
  /** One statement with `$1…` parameters. Errors are DbError. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction on one connection: commits when it resolves, rolls
   * back when it throws. Called on a transaction's handle, it joins that transaction.
   */
  transaction<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: a lock on `key` held until the transaction ends, shared by
   * every connection to the database (pg_advisory_xact_lock). Backends whose adapter
   * already runs one transaction at a time (PGlite, pg-mem) need nothing more.
   */
  lock(key: number): Promise<void>;
  /** Ends the handle; on a transaction's handle it does nothing. */
  close(): Promise<void>;
}

/** Called with a notification's payload; '*' means "anything may have changed" (a lost connection). */
export type Listener = (payload: string) => void;

/** The handle the repository works with: SQL plus change notifications (./notify.ts). */
export interface Db extends SqlDb {
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Announces a change on `channel` to this process's listeners and, on PostgreSQL, to
   * every instance on the same database (NOTIFY). Inside a transaction it is delivered
   * when the transaction commits, and never if it rolls back.
   */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `fn` for each notification on `channel`, from this process or another; returns the unsubscribe. */
  listen(channel: string, fn: Listener): Promise<() => void>;
}

interface DriverErrorShape {
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
}

// pg-mem reports some violations only in prose; these give them their SQLSTATE.
const PROSE_CODES: [RegExp, string][] = [
  [/duplicate key value violates unique constraint/, '23505'],
  [/violates foreign key constraint/, '23503'],
  [/check constraint .* is violated/, '23514'],
  [/null value in column .* violates not-null constraint/, '23502'],
];

/** Any error a driver throws, as a DbError with a SQLSTATE. */
export function toDbError(e: unknown): DbError {
  if (e instanceof DbError) return e;
  const shape = (typeof e === 'object' && e !== null ? e : {}) as DriverErrorShape;
  const message = typeof shape.message === 'string' ? shape.message : String(e);
  let code = typeof shape.code === 'string' && /^[0-9A-Z]{5}$/.test(shape.code) ? shape.code : undefined;
  code ??= PROSE_CODES.find(([re]) => re.test(message))?.[1] ?? 'XX000';
  const constraint =
    typeof shape.constraint === 'string'
      ? shape.constraint
      : /constraint "([^"]+)"/.exec(message)?.[1];
  return new DbError(message.split('\n')[0] ?? message, code, constraint, { cause: e });
}

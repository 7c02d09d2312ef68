// pg-mem: an in-memory emulation of PostgreSQL, run by the repository suite as a third
// check of the store's SQL. No service runs on it (`--memory` is PGlite in memory): with
// a conflict target, its INSERT … ON CONFLICT DO NOTHING RETURNING returns the rows it
// skipped, and it stores NUL where PostgreSQL refuses it.
//
// What pg-mem lacks is made up for here, not in the SQL:
// - it has one global state and its ROLLBACK does not undo, so this adapter runs one
//   transaction (or lone query) at a time and rolls back by restoring a snapshot
//   (`backup()`, cheap on its immutable structures). A snapshot holds data, not
//   schema: when a failed transaction had changed the schema (a broken migration) it
//   cannot be undone, and the database refuses all further use rather than go on half
//   migrated;
// - it has no advisory locks, and needs none given the above;
// - it reports foreign-key and check violations without a SQLSTATE: toDbError reads
//   them from the message.
// The store's SQL runs here unchanged (see server/store/README.md).

import { newDb } from 'pg-mem';
import { toDbError, type SqlDb, type QueryResult, type Row } from '../db.js';
import { StoreError } from '../errors.js';
import { refuseUnstorableParameters } from '../text.js';
import { Mutex } from './mutex.js';

interface PgMemPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
  end(): Promise<void>;
}

export function openPgMem(): SqlDb {
  const mem = newDb({ autoCreateForeignKeyIndices: true });
  const { Pool } = mem.adapters.createPg() as { Pool: new () => PgMemPool };
  const pool = new Pool();
  const mutex = new Mutex();
  let closed = false;
  let broken: unknown;

  async function run<T>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
    refuseUnstorableParameters(params);
    if (closed) throw new StoreError('the in-memory database is closed');
    if (broken !== undefined) {
      throw new StoreError('the in-memory database could not undo a failed schema change; open a new one', {
        cause: broken,
      });
    }
    try {
      const result = await pool.query(sql, params ? [...params] : undefined);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    } catch (e) {
      throw toDbError(e);
    }
  }

  function atomically<T>(fn: () => Promise<T>): Promise<T> {
    return mutex.run(async () => {
      const snapshot = mem.backup();
      try {
        return await fn();
      } catch (e) {
        try {
          snapshot.restore();
        } catch (restoreError) {
          broken = restoreError;
        }
        throw e;
      }
    });
  }

  const tx: SqlDb = {
    dialect: 'pg-mem',
    query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(sql, params),
    exec: async (script) => {
      await run(script);
    },
    transaction: (fn) => fn(tx),
    lock: async () => undefined, // one transaction at a time already
    close: async () => undefined,
  };

  return {
    dialect: 'pg-mem',
    // A lone statement is a transaction of its own, as in PostgreSQL: a multi-row
    // insert that fails half way leaves nothing behind.
    query: <T = Row>(sql: string, params?: readonly unknown[]) => atomically(() => run<T>(sql, params)),
    exec: (script) => atomically(() => tx.exec(script)),
    transaction: (fn) => atomically(() => fn(tx)),
    lock: async () => {
      throw new StoreError('lock() is only meaningful inside a transaction');
    },
    close: () =>
      mutex.run(async () => {
        closed = true;
        await pool.end();
      }),
  };
}

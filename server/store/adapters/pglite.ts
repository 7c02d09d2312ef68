// PGlite: PostgreSQL compiled to WebAssembly, keeping its files in a data folder, so
// `npm start` needs no database server and keeps everything across restarts; or in
// memory, for `beacon serve --memory` and the tests: the same PostgreSQL, kept nowhere.
//
// PGlite has one connection: it runs one transaction at a time, and a query from
// outside waits until the running transaction ends (its own mutex). A folder may be
// open in one process only, so `beacon.lock` beside the files names the process
// holding it (folder-lock.ts); a second opener gets a StoreError instead of a
// corrupted database.

import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toDbError, type SqlDb, type QueryResult, type Row } from '../db.js';
import { StoreError } from '../errors.js';
import { refuseUnstorableParameters } from '../text.js';
import { takeFolderLock } from './folder-lock.js';

interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[]; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * PGlite runs each statement on the main thread, and its promises settle without a
 * turn of the event loop between them: a run of statements (a thousand tickets upserted
 * in a loop) would keep the server from reading sockets and firing timers until it
 * ends. A turn before each statement lets them in.
 */
const turn = (): Promise<void> => new Promise((ok) => setImmediate(ok));

async function run<T>(on: PgliteQueryable, sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
  refuseUnstorableParameters(params);
  await turn();
  try {
    const result = await on.query<T>(sql, params ? [...params] : undefined);
    return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
  } catch (e) {
    throw toDbError(e);
  }
}

async function exec(on: PgliteQueryable, script: string): Promise<void> {
  try {
    await on.exec(script);
  } catch (e) {
    throw toDbError(e);
  }
}

/** Opens (creating on first use) the PGlite database kept in `dir`. */
export async function openPglite(dir: string): Promise<SqlDb> {
  const folder = resolve(dir);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new StoreError(`cannot create data folder ${folder}: ${(e as Error).message}`, { cause: e });
  }
  const release = takeFolderLock(folder);
  let pg: PGlite;
  try {
    pg = await PGlite.create(join(folder, 'pgdata'));
  } catch (e) {
    release();
    throw new StoreError(`cannot open the database in ${folder}: ${(e as Error).message}`, { cause: e });
  }
  return pgliteHandle(pg, release);
}

export interface PgliteMemoryOptions {
  /**
   * A data folder as PGlite's dumpDataDir gives it, to start from instead of an empty
   * database: tests start from one made once, which takes a second where creating an
   * empty database takes several.
   */
  from?: Blob;
}

/** A PGlite database in memory (PGlite's memory://), forgotten when closed: `beacon serve --memory`. */
export async function openPgliteMemory(options: PgliteMemoryOptions = {}): Promise<SqlDb> {
  try {
    return pgliteHandle(await PGlite.create(options.from ? { loadDataDir: options.from } : {}));
  } catch (e) {
    throw new StoreError(`cannot start an in-memory database: ${(e as Error).message}`, { cause: e });
  }
}

/** The SqlDb over an open PGlite (closing it closes the PGlite); `release` runs once it is closed. */
export function pgliteHandle(pg: PGlite, release: () => void = () => undefined): SqlDb {
  let closed = false;
  return {
    dialect: 'pglite',
    query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(pg, sql, params),
    exec: (script) => exec(pg, script),
    transaction: (fn) =>
      pg.transaction((raw) => {
        const tx: SqlDb = {
          dialect: 'pglite',
          query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(raw, sql, params),
          exec: (script) => exec(raw, script),
          transaction: (inner) => inner(tx),
          lock: async () => undefined, // PGlite runs one transaction at a time
          close: async () => undefined,
        };
        return fn(tx);
      }),
    lock: async () => {
      throw new StoreError('lock() is only meaningful inside a transaction');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}

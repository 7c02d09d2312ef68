// PostgreSQL through a `pg` Pool. A transaction holds one client from BEGIN to
// COMMIT; a deadlock or serialization failure retries the whole transaction.

import pg from 'pg';
import { toDbError, type SqlDb, type QueryResult, type Row } from '../db.js';
import { StoreError } from '../errors.js';
import { refuseUnstorableParameters } from '../text.js';

export interface PostgresOptions {
  /** A schema to use instead of `public` (it must exist); tests use one per run. */
  schema?: string;
  /** Pool size; 10 by default. */
  max?: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

// Counts, sums and points come back as numbers, as they do from PGlite and pg-mem.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>;
}

async function run<T>(on: Queryable, sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> {
  refuseUnstorableParameters(params);
  try {
    const answer: pg.QueryResult | pg.QueryResult[] = await on.query(sql, params ? [...params] : undefined);
    const result = Array.isArray(answer) ? (answer.at(-1) ?? { rows: [], rowCount: 0 }) : answer; // a script answers per statement
    return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
  } catch (e) {
    throw toDbError(e);
  }
}

function clientHandle(client: pg.PoolClient): SqlDb {
  const tx: SqlDb = {
    dialect: 'postgres',
    query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(client, sql, params),
    exec: async (script) => {
      await run(client, script);
    },
    transaction: (fn) => fn(tx),
    lock: async (key) => {
      await run(client, 'SELECT pg_advisory_xact_lock($1::bigint)', [key]);
    },
    close: async () => undefined,
  };
  return tx;
}

export function openPostgres(url: string, options: PostgresOptions = {}): SqlDb {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new StoreError(`invalid schema name "${options.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that loses its connection is dropped by the pool; without a
  // listener the error would end the process.
  pool.on('error', () => undefined);
  let closed = false;

  async function once<T>(fn: (tx: SqlDb) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw toDbError(e);
    }
    let broken: Error | undefined;
    try {
      await run(client, 'BEGIN');
      const result = await fn(clientHandle(client));
      await run(client, 'COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw e;
    } finally {
      client.release(broken);
    }
  }

  const db: SqlDb = {
    dialect: 'postgres',
    query: <T = Row>(sql: string, params?: readonly unknown[]) => run<T>(pool, sql, params),
    exec: async (script) => {
      await run(pool, script);
    },
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(fn);
        } catch (e) {
          const code = (e as { code?: unknown }).code;
          if (attempt >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw e;
        }
      }
    },
    lock: async () => {
      throw new StoreError('lock() is only meaningful inside a transaction');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
  return db;
}

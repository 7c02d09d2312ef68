// Numbered SQL migrations (migrations/NNN_name.sql), applied in order at start, each
// in its own transaction and recorded in schema_migrations. On PostgreSQL each takes a
// transaction-scoped advisory lock first, so instances starting together apply each
// migration once: the second waits, then finds it recorded.

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';
import { StoreError } from './errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrateOptions {
  /** Migrations to apply; read from `dir` (default: the store's migrations/) when absent. */
  migrations?: Migration[];
  dir?: string;
}

/** pg_advisory_xact_lock key for migrations: "beac" in ASCII, unlikely to meet another tool's. */
export const MIGRATION_LOCK_KEY = 0x62656163;

const FILE = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/;

/** The folder of the shipped migrations, from the sources or from the tsc build in dist/. */
export function migrationsDir(): string {
  const beside = fileURLToPath(new URL('./migrations/', import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL('../../../server/store/migrations/', import.meta.url));
}

export async function loadMigrations(dir: string = migrationsDir()): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql'));
  const migrations: Migration[] = [];
  for (const name of names) {
    const match = FILE.exec(name);
    if (!match) throw new StoreError(`migration file ${name} is not named NNN_name.sql`);
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: await readFile(join(dir, name), 'utf8') });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new StoreError(`two migrations are numbered ${migrations[i]!.version}`);
    }
  }
  return migrations;
}

async function ensureMigrationsTable(tx: Db): Promise<void> {
  // information_schema rather than CREATE TABLE IF NOT EXISTS, which pg-mem refuses
  // when the table exists.
  const found = await tx.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`,
  );
  if (found.rows.length > 0) return;
  await tx.query(
    `CREATE TABLE schema_migrations (
       version     integer PRIMARY KEY,
       name        text NOT NULL,
       applied_at  timestamptz NOT NULL
     )`,
  );
}

/** Applies the migrations the database lacks; returns the versions it applied. */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = options.migrations ?? (await loadMigrations(options.dir));
  const known = new Set(migrations.map((m) => m.version));
  const applied: number[] = [];
  for (const migration of migrations) {
    const didApply = await db.transaction(async (tx) => {
      await tx.lock(MIGRATION_LOCK_KEY);
      await ensureMigrationsTable(tx);
      const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
      const newer = done.rows.map((r) => Number(r.version)).filter((v) => !known.has(v));
      if (newer.length > 0) {
        throw new StoreError(
          `the database has migration ${Math.max(...newer)}, which this version of Beacon does not know: ` +
            'run the newer version, or restore a backup',
        );
      }
      if (done.rows.some((r) => Number(r.version) === migration.version)) return false;
      try {
        await tx.exec(migration.sql);
      } catch (e) {
        throw new StoreError(
          `migration ${migration.version}_${migration.name} failed: ${(e as Error).message}`,
          { cause: e },
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date(),
      ]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

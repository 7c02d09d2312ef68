// Choosing and opening a backend: PostgreSQL when DATABASE_URL is set, PGlite in a data
// folder otherwise (BEACON_DATA_DIR, ./data by default), PGlite in memory with --memory.
// pg-mem is no backend of a running service: it cannot run some of the store's SQL as
// PostgreSQL does (see server/store/README.md); the repository suite keeps it honest.

import { openPglite, openPgliteMemory, type PgliteMemoryOptions } from './adapters/pglite.js';
import { openPostgres, type PostgresOptions } from './adapters/postgres.js';
import { postgresChannels } from './adapters/postgres-listen.js';
import type { Db } from './db.js';
import { withNotifications } from './notify.js';
import { migrate } from './migrate.js';
import { createRepository, type Repository, type RepositoryOptions } from './repository.js';

export type StoreConfig =
  | { backend: 'postgres'; url: string; options?: PostgresOptions }
  | { backend: 'pglite'; dir: string }
  | ({ backend: 'memory' } & PgliteMemoryOptions);

export const DEFAULT_DATA_DIR = './data';

/** The backend the settings ask for: --memory first, then DATABASE_URL, then the data folder. */
export function storeConfigFrom(settings: { memory?: boolean; databaseUrl?: string; dataDir?: string }): StoreConfig {
  if (settings.memory) return { backend: 'memory' };
  if (settings.databaseUrl) return { backend: 'postgres', url: settings.databaseUrl };
  return { backend: 'pglite', dir: settings.dataDir || DEFAULT_DATA_DIR };
}

export async function openDb(config: StoreConfig): Promise<Db> {
  switch (config.backend) {
    case 'postgres':
      return withNotifications(openPostgres(config.url, config.options), (deliver, lost) => postgresChannels(config.url, deliver, lost));
    case 'pglite':
      return withNotifications(await openPglite(config.dir));
    case 'memory':
      return withNotifications(await openPgliteMemory(config));
  }
}

export interface Store {
  db: Db;
  repository: Repository;
  /** Migration versions applied at this start. */
  applied: number[];
  close(): Promise<void>;
}

/** Opens the backend, brings its schema up to date and makes the repository. */
export async function openStore(config: StoreConfig, options: RepositoryOptions = {}): Promise<Store> {
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    return { db, repository: createRepository(db, options), applied, close: () => db.close() };
  } catch (e) {
    await db.close().catch(() => undefined);
    throw e;
  }
}

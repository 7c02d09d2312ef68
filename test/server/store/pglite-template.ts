// In-memory PGlite databases for the tests, started from a data folder made once:
// creating a PGlite database (its initdb) takes several seconds, ten on a loaded box,
// while loading a made one takes about one. The folder is kept as a tarball in the
// system's temp folder, named by the PGlite version, so test files (which vitest runs in
// processes of their own) and later runs share it.

import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pgliteHandle } from '../../../server/store/adapters/pglite.js';
import { loadMigrations, migrate, withNotifications } from '../../../server/store/index.js';

/** The installed PGlite's version: a made folder is only for the PGlite that made it. */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"@electric-sql/pglite"')) {
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
const PGLITE_VERSION = pgliteVersion();
const FILE = join(tmpdir(), `beacon-pglite-${PGLITE_VERSION}-empty.tar`);

/** Made by `prepare` (given a PGlite started from `from`, or a new one) and kept in `file`, unless it is there already. */
async function made(file: string, from: Blob | undefined, prepare: (pg: PGlite) => Promise<void>): Promise<Blob> {
  if (!existsSync(file)) {
    const pg = await PGlite.create(from ? { loadDataDir: from } : {});
    try {
      await prepare(pg);
      const tarball = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
      // Written beside and renamed into place: a reader in another process never sees half of it.
      const draft = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(draft, tarball);
      renameSync(draft, file);
    } finally {
      await pg.close();
    }
  }
  return new Blob([readFileSync(file)]);
}

let empty: Promise<Blob> | undefined;
let migrated: Promise<Blob> | undefined;

/** An empty database's data folder, for openPgliteMemory({ from }) and openStore({ backend: 'memory', from }). */
export function emptyPglite(): Promise<Blob> {
  empty ??= made(FILE, undefined, async () => undefined);
  return empty;
}

/** A database with the shipped migrations applied; named by their text, so a changed migration makes a new one. */
export function migratedPglite(): Promise<Blob> {
  migrated ??= (async () => {
    const migrations = await loadMigrations();
    const digest = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
    return made(FILE.replace(/-empty\.tar$/, `-${digest}.tar`), await emptyPglite(), async (pg) => {
      await migrate(withNotifications(pgliteHandle(pg)), { migrations });
    });
  })();
  return migrated;
}

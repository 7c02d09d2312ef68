import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, openPgliteMemory, openStore, StoreError, withNotifications } from '../../../server/store/index.js';
import { emptyPglite } from './pglite-template.js';
import { LOCK_FILE, processStart, thisProcess } from '../../../server/store/adapters/folder-lock.js';
import { repositorySuite } from './repository.suite.js';

const folders: string[] = [];
async function tempFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'beacon-pglite-'));
  folders.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

// The suite runs on PGlite in memory, started from a made empty database (a second,
// where creating one takes several): the SQL is the same PostgreSQL as in a data folder,
// which the tests below keep across closing and reopening.
repositorySuite({
  name: 'PGlite',
  async fresh() {
    const db = withNotifications(await openPgliteMemory({ from: await emptyPglite() }));
    // One process holds a PGlite folder: a second instance shares the handle.
    return { db, second: async () => db, dispose: () => db.close() };
  },
});

describe('a PGlite data folder', () => {
  it('keeps everything across closing and reopening', async () => {
    const dir = await tempFolder();
    const first = await openStore({ backend: 'pglite', dir });
    expect(first.applied.length).toBeGreaterThan(0);
    await first.repository.createOrganisation({ kind: 'group', id: 'huayu', name: '华宇物业集团' });
    const v1 = await first.repository.createDraft({ scopeId: 'huayu', baseVersionId: null, source: 'group huayu "x"\n', hash: 'h1', author: 'a' });
    await first.repository.activate(v1.id, 'a');
    await first.close();

    const again = await openStore({ backend: 'pglite', dir });
    try {
      expect(again.applied).toEqual([]);
      expect(await again.repository.getOrganisation('huayu')).toMatchObject({ name: '华宇物业集团' });
      expect(await again.repository.activeVersion('huayu')).toMatchObject({ id: v1.id, source: 'group huayu "x"\n' });
    } finally {
      await again.close();
    }
  });

  it('is refused to a second opener while it is open', async () => {
    const dir = await tempFolder();
    const db = await openPglite(dir);
    try {
      await expect(openPglite(dir)).rejects.toBeInstanceOf(StoreError);
      await expect(openPglite(dir)).rejects.toThrow(/in use by process/);
    } finally {
      await db.close();
    }
    // kill -9 leaves the lock; its PID now belongs to another live process (PID reuse).
    const reused = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await new Promise((ok) => reused.once('spawn', ok));
      const start = processStart(reused.pid!);
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ ...thisProcess(), pid: reused.pid, start: start === null ? null : String(Number(start) - 1) }));
      const reopened = await openPglite(dir); // free again: that process is not the one that locked it
      await reopened.close();
    } finally {
      reused.kill('SIGKILL');
    }
  });
});

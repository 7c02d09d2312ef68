import { describe, expect, it } from 'vitest';
import { loadMigrations, openStore, storeConfigFrom } from '../../../server/store/index.js';
import { emptyPglite } from './pglite-template.js';

describe('storeConfigFrom', () => {
  it('takes --memory first, then DATABASE_URL, then the data folder (./data by default)', () => {
    expect(storeConfigFrom({ memory: true, databaseUrl: 'postgres://x/y', dataDir: '/d' })).toEqual({ backend: 'memory' });
    expect(storeConfigFrom({ databaseUrl: 'postgres://x/y', dataDir: '/d' })).toEqual({ backend: 'postgres', url: 'postgres://x/y' });
    expect(storeConfigFrom({ dataDir: '/d' })).toEqual({ backend: 'pglite', dir: '/d' });
    expect(storeConfigFrom({ databaseUrl: '', dataDir: '' })).toEqual({ backend: 'pglite', dir: './data' });
  });
});

describe('openStore', () => {
  it('opens an in-memory store on PGlite, migrated and ready', async () => {
    const store = await openStore({ backend: 'memory', from: await emptyPglite() }, { now: () => new Date('2026-03-02T00:00:00Z') });
    try {
      expect(store.db.dialect).toBe('pglite');
      expect(store.applied).toEqual((await loadMigrations()).map((m) => m.version));
      const group = await store.repository.createOrganisation({ kind: 'group', id: 'huayu', name: '华宇' });
      expect(group.createdAt).toBe('2026-03-02T00:00:00.000Z');
    } finally {
      await store.close();
    }
  });
});

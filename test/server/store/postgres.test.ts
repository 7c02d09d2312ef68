// The repository suite on a real PostgreSQL, through TEST_DATABASE_URL. Each database
// the suite asks for is a fresh schema, dropped afterwards.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, openPostgres, openStore } from '../../../server/store/index.js';
import { repositorySuite } from './repository.suite.js';

const url = process.env.TEST_DATABASE_URL;

if (!url) {
  describe.skip('the store on PostgreSQL (skipped: TEST_DATABASE_URL is not set)', () => {
    repositorySuite({ name: 'PostgreSQL', fresh: () => Promise.reject(new Error('no database')) });
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  afterAll(() => admin.end());

  describe('PostgreSQL instances starting together', () => {
    it('apply each migration once between them, the advisory lock making the others wait', async () => {
      const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const instances = Array.from({ length: 5 }, () => openPostgres(url, { schema, max: 2 }));
      try {
        const applied = await Promise.all(instances.map((db) => migrate(db)));
        const shipped = (await loadMigrations()).map((m) => m.version);
        expect(applied.flat().sort((a, b) => a - b)).toEqual(shipped);
        const { rows } = await admin.query(`SELECT version FROM ${schema}.schema_migrations ORDER BY version`);
        expect(rows.map((r: { version: number }) => r.version)).toEqual(shipped);
      } finally {
        await Promise.all(instances.map((db) => db.close()));
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    });

    it('opens through openStore with a schema, migrated and ready', async () => {
      const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const store = await openStore({ backend: 'postgres', url, options: { schema } });
      try {
        expect(store.applied.length).toBeGreaterThan(0);
        expect(await store.repository.listOrganisations()).toEqual([]);
      } finally {
        await store.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      }
    });
  });

  repositorySuite({
    name: 'PostgreSQL',
    async fresh() {
      const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const db = openPostgres(url, { schema });
      return {
        db,
        second: async () => openPostgres(url, { schema }),
        async dispose() {
          await db.close();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        },
      };
    },
  });
}

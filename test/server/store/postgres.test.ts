// The repository suite on a real PostgreSQL, through TEST_DATABASE_URL. Each database
// the suite asks for is a fresh schema, dropped afterwards.

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ANYTHING, CHANNELS, LISTEN_APPLICATION_NAME, loadMigrations, migrate, openPostgres, openStore, postgresChannels, withNotifications } from '../../../server/store/index.js';
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
      const instances = Array.from({ length: 5 }, () => withNotifications(openPostgres(url, { schema, max: 2 })));
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

  describe('hearing other instances (LISTEN)', () => {
    it('opens a lost connection again, telling listeners that anything may have changed meanwhile', async () => {
      // A name of its own, so that only this test's connection is cut.
      const applicationName = `${LISTEN_APPLICATION_NAME}-${randomBytes(3).toString('hex')}`;
      const open = () => withNotifications(openPostgres(url, { max: 2 }), (deliver, lost) => postgresChannels(url, deliver, lost, { retryMs: 50, applicationName }));
      const listener = open();
      const sender = open();
      const heard: string[] = [];
      const waitFor = async (payload: string) => {
        const deadline = Date.now() + 10_000;
        while (!heard.includes(payload)) {
          if (Date.now() > deadline) throw new Error(`never heard "${payload}"; heard ${JSON.stringify(heard)}`);
          await new Promise((ok) => setTimeout(ok, 10));
        }
      };
      try {
        await listener.listen(CHANNELS.policy, (p) => heard.push(p));
        const before = `before-${randomBytes(3).toString('hex')}`;
        await sender.notify(CHANNELS.policy, before);
        await waitFor(before);
        const { rows } = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
          [applicationName],
        );
        expect(rows.length).toBeGreaterThan(0);
        await waitFor(ANYTHING);
        // Listening again: a change made now is heard.
        const after = `after-${randomBytes(3).toString('hex')}`;
        const deadline = Date.now() + 10_000;
        while (!heard.includes(after) && Date.now() < deadline) {
          await sender.notify(CHANNELS.policy, after);
          await new Promise((ok) => setTimeout(ok, 50));
        }
        expect(heard).toContain(after);
      } finally {
        await Promise.all([listener.close(), sender.close()]);
      }
    });
  });

  repositorySuite({
    name: 'PostgreSQL',
    async fresh() {
      const schema = `beacon_test_${randomBytes(6).toString('hex')}`;
      await admin.query(`CREATE SCHEMA ${schema}`);
      const open = () => withNotifications(openPostgres(url, { schema }), (deliver, lost) => postgresChannels(url, deliver, lost));
      const db = open();
      return {
        db,
        second: async () => open(),
        async dispose() {
          await db.close();
          await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        },
      };
    },
  });
}

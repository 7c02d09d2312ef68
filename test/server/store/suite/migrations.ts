import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, StoreError, type Db } from '../../../../server/store/index.js';
import type { StoreBackend } from './env.js';

async function recorded(db: Db): Promise<number[]> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => Number(r.version));
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`,
    [name],
  );
  return rows.length > 0;
}

export function migrationTests(backend: StoreBackend): void {
  describe('migrate', () => {
    it('applies every shipped migration once, in order, and records each', async () => {
      const shipped = (await loadMigrations()).map((m) => m.version);
      const fresh = await backend.fresh();
      try {
        expect(await migrate(fresh.db)).toEqual(shipped);
        expect(await migrate(fresh.db)).toEqual([]);
        expect(await recorded(fresh.db)).toEqual(shipped);
      } finally {
        await fresh.dispose();
      }
    });

    it('applies each migration once when two instances start together', async () => {
      const shipped = (await loadMigrations()).map((m) => m.version);
      const fresh = await backend.fresh();
      const other = await fresh.second();
      try {
        const [a, b] = await Promise.all([migrate(fresh.db), migrate(other)]);
        expect([...a, ...b].sort((x, y) => x - y)).toEqual(shipped);
        expect(await recorded(fresh.db)).toEqual(shipped);
      } finally {
        if (other !== fresh.db) await other.close();
        await fresh.dispose();
      }
    });

    const broken = [
      { version: 1, name: 'first', sql: 'CREATE TABLE first_table (x integer);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE second_table (x integer); INSERT INTO no_such_table VALUES (1);' },
    ];

    if (backend.undoesSchemaChanges === false) {
      it('refuses all use after a migration it could not undo', async () => {
        const fresh = await backend.fresh();
        try {
          await expect(migrate(fresh.db, { migrations: broken })).rejects.toThrow(/migration 2_broken failed/);
          await expect(recorded(fresh.db)).rejects.toThrow(/could not undo a failed schema change/);
        } finally {
          await fresh.dispose();
        }
      });
    } else {
      it('rolls a failing migration back whole and keeps the ones before it', async () => {
        const fresh = await backend.fresh();
        try {
          await expect(migrate(fresh.db, { migrations: broken })).rejects.toThrow(/migration 2_broken failed/);
          expect(await recorded(fresh.db)).toEqual([1]);
          expect(await tableExists(fresh.db, 'first_table')).toBe(true);
          expect(await tableExists(fresh.db, 'second_table')).toBe(false);
        } finally {
          await fresh.dispose();
        }
      });
    }

    it('refuses a database that has a migration this version does not know', async () => {
      const fresh = await backend.fresh();
      try {
        const known = [{ version: 1, name: 'first', sql: 'CREATE TABLE first_table (x integer);' }];
        await migrate(fresh.db, { migrations: [...known, { version: 2, name: 'later', sql: 'CREATE TABLE later_table (x integer);' }] });
        const refused = migrate(fresh.db, { migrations: known });
        await expect(refused).rejects.toBeInstanceOf(StoreError);
        await expect(refused).rejects.toThrow(/migration 2, which this version of Beacon does not know/);
      } finally {
        await fresh.dispose();
      }
    });
  });
}

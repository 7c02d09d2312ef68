import { describe, expect, it } from 'vitest';
import { DbError, ValidationError } from '../../../../server/store/index.js';
import { seedEstate, uid, type SuiteEnv } from './env.js';

export function auditTests(env: () => SuiteEnv): void {
  describe('audit log', () => {
    it('records who did what when, and filters by scope, actor and period', async () => {
      const { repo, clock } = env();
      const { property, group } = await seedEstate(repo);
      const admin = await repo.createUser({ name: uid('admin'), role: 'admin', passwordHash: 'x' });
      const start = clock.now();
      const first = await repo.audit({ actor: admin.id, action: 'user.create', scopeId: property, detail: { name: 'x' } });
      expect(first).toMatchObject({ actor: admin.id, actorName: admin.name, action: 'user.create', scopeId: property, detail: { name: 'x' } });
      clock.advance(60);
      await repo.audit({ actor: 'system', action: 'ledger.run', scopeId: property });
      clock.advance(60);
      await repo.audit({ actor: admin.id, action: 'policy.note', scopeId: group, beforeVersionId: 'v1', afterVersionId: 'v2' });
      expect((await repo.listAudit({ scopeId: property })).map((e) => e.action)).toEqual(['ledger.run', 'user.create']);
      expect((await repo.listAudit({ actor: admin.id })).map((e) => e.action)).toEqual(['policy.note', 'user.create']);
      const window = { from: new Date(start.getTime() + 30 * 60_000), to: new Date(start.getTime() + 90 * 60_000) };
      expect((await repo.listAudit({ ...window, scopeId: property })).map((e) => e.action)).toEqual(['ledger.run']);
      const [newest] = await repo.listAudit({ actor: admin.id, limit: 1 });
      expect(newest).toMatchObject({ beforeVersionId: 'v1', afterVersionId: 'v2', actorName: admin.name });
      expect((await repo.listAudit({ actor: admin.id, beforeId: newest!.id })).map((e) => e.action)).toEqual(['user.create']);
      await expect(repo.listAudit({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    });
  });

  describe('errors', () => {
    it('turns a driver error into a DbError with a SQLSTATE', async () => {
      const { db } = env();
      const failed = db.query('SELECT * FROM no_such_table');
      await expect(failed).rejects.toBeInstanceOf(DbError);
      await expect(failed).rejects.toMatchObject({ code: expect.stringMatching(/^[0-9A-Z]{5}$/) });
    });
  });
}

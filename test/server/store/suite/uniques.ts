// Every unique key a caller can clash with surfaces as a DuplicateError naming the entity
// and the key, the same on every backend; the inserts that skip what exists skip only the
// clash they mean (ON CONFLICT with its target) and let any other through as an error.
import { describe, expect, it } from 'vitest';
import { ConflictError, createRepository, DbError, DuplicateError, hashToken, migrate, type Property } from '../../../../server/store/index.js';
import { seedEstate, ticket, uid, type SuiteEnv } from './env.js';

async function duplicate(promise: Promise<unknown>): Promise<{ entity: string; key: string }> {
  const error = await promise.then(
    () => {
      throw new Error('expected a DuplicateError, but it was accepted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DuplicateError);
  expect(error).toBeInstanceOf(ConflictError); // the HTTP layer's 409
  const { entity, key } = error as DuplicateError;
  return { entity, key };
}

export function uniqueTests(env: () => SuiteEnv): void {
  describe('unique keys', () => {
    it('names the organisation, the unit and the user whose key is taken', async () => {
      const { repo } = env();
      const estate = await seedEstate(repo);
      expect(await duplicate(repo.createOrganisation({ kind: 'group', id: estate.group, name: 'again' }))).toEqual({ entity: 'organisation', key: estate.group });
      // A unit id another property has.
      const other = uid('other');
      expect(
        await duplicate(
          repo.createOrganisation({ kind: 'property', id: other, name: 'o', parentId: estate.branch, households: 1, timeZone: 'Asia/Shanghai', units: [{ id: `${other}/x`, name: 'x' }, { id: estate.unit, name: 'y' }] }),
        ),
      ).toEqual({ entity: 'unit', key: estate.unit });
      await expect(repo.getOrganisation(other)).rejects.toThrow(/not found/); // nothing half made
      const second = await seedEstate(repo);
      expect(await duplicate(repo.setUnits(second.property, [{ id: `${second.property}/x`, name: 'x' }, { id: estate.unit, name: 'z' }]))).toEqual({ entity: 'unit', key: estate.unit });
      expect(((await repo.getOrganisation(second.property)) as Property).units).toHaveLength(2); // as it was

      const name = uid('ada');
      const ada = await repo.createUser({ name, role: 'viewer', passwordHash: 'h' });
      expect(await duplicate(repo.createUser({ name, role: 'admin', passwordHash: 'h' }))).toEqual({ entity: 'user', key: name });
      const bob = await repo.createUser({ name: uid('bob'), role: 'viewer', passwordHash: 'h' });
      expect(await duplicate(repo.updateUser(bob.id, { name }))).toEqual({ entity: 'user', key: name });
      expect((await repo.getUser(ada.id)).name).toBe(name);
    });

    it('names the credential whose hash is taken, without telling the hash in the message', async () => {
      const { repo, clock } = env();
      const user = await repo.createUser({ name: uid('sys'), role: 'viewer', passwordHash: 'h' });
      const keyHash = hashToken(uid('key'));
      await repo.createApiKey({ userId: user.id, name: 'crm', keyHash });
      const key = await repo.createApiKey({ userId: user.id, name: 'again', keyHash }).catch((e: unknown) => e);
      expect(key).toBeInstanceOf(DuplicateError);
      expect(key).toMatchObject({ entity: 'API key', key: keyHash });
      expect((key as Error).message).not.toContain(keyHash);
      const tokenHash = hashToken(uid('session'));
      const expiresAt = new Date(clock.ms + 3_600_000);
      await repo.createSession({ tokenHash, userId: user.id, expiresAt });
      expect(await duplicate(repo.createSession({ tokenHash, userId: user.id, expiresAt }))).toEqual({ entity: 'session', key: tokenHash });
      const setup = hashToken(uid('setup'));
      await repo.createSetupToken({ tokenHash: setup, expiresAt });
      expect(await duplicate(repo.createSetupToken({ tokenHash: setup, expiresAt }))).toEqual({ entity: 'setup token', key: setup });
    });

    it('tells an id clash of a new version from a stale base', async () => {
      const { db, repo, clock } = env();
      const { property } = await seedEstate(repo);
      const id = uid('v');
      const sameIds = createRepository(db, { now: clock.now, newId: () => id });
      const v1 = await sameIds.createDraft({ scopeId: property, baseVersionId: null, source: 'a', hash: 'h1', author: 'a' });
      expect(await duplicate(sameIds.createDraft({ scopeId: property, baseVersionId: v1.id, source: 'b', hash: 'h2', author: 'a' }))).toEqual({ entity: 'policy version', key: id });
      expect((await repo.history(property)).map((v) => v.version)).toEqual([1]);
    });

    it('records no ledger entry silently dropped: a clash on the id is an error, not a skip', async () => {
      const { backend, clock } = env();
      const fresh = await backend.fresh();
      try {
        await migrate(fresh.db);
        const repo = createRepository(fresh.db, { now: clock.now });
        const { property, unit } = await seedEstate(repo);
        const [a, b] = [ticket(property, unit), ticket(property, unit)];
        await repo.upsertTicket(a);
        await repo.upsertTicket(b);
        // A row whose id the sequence will give next (as a restore that left the sequence behind would).
        await fresh.db.query(
          `INSERT INTO penalty_ledger (id, ticket_id, level, points, unit_id, period, reached_at, recorded_at)
           VALUES (1, $1, 'red', 5, $2, '2026-03', $3, $3)`,
          [a.id, unit, clock.now()],
        );
        const recording = repo.recordLedger([{ ticketId: b.id, unit, level: 'red', points: 5, period: '2026-03', reachedAt: '2026-03-02T09:00:00+08:00' }]);
        await expect(recording).rejects.toBeInstanceOf(DbError);
        await expect(recording).rejects.toMatchObject({ code: '23505' });
        // The entry the clash was about is still recorded once: it exists, so it is skipped.
        expect(await repo.recordLedger([{ ticketId: a.id, unit, level: 'red', points: 5, period: '2026-03', reachedAt: '2026-03-02T09:00:00+08:00' }])).toEqual([]);
      } finally {
        await fresh.dispose();
      }
    });
  });
}

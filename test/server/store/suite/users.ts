import { describe, expect, it } from 'vitest';
import { ConflictError, hashToken, NotFoundError, ValidationError, type Repository } from '../../../../server/store/index.js';
import { race, seedEstate, uid, type SuiteEnv } from './env.js';

// The store keeps whatever hash it is given; real ones come from hashPassword (tested in secrets.test.ts).
const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';

async function user(repo: Repository, properties: string[] = []) {
  return repo.createUser({ name: uid('user'), role: 'manager', passwordHash: HASH, properties });
}

export function userTests(env: () => SuiteEnv): void {
  describe('users', () => {
    it('keeps a user’s role, password hash and assigned properties', async () => {
      const { repo } = env();
      const a = await seedEstate(repo);
      const b = await seedEstate(repo);
      const created = await repo.createUser({
        name: uid('王经理'), role: 'manager', passwordHash: HASH, properties: [b.property, a.property, a.property],
      });
      expect(created).toMatchObject({ role: 'manager', properties: [a.property, b.property].sort(), disabledAt: null });
      expect(await repo.getUser(created.id)).toEqual(created);
      expect(await repo.findCredentials(created.name)).toEqual({ user: created, passwordHash: HASH });
      expect(await repo.findCredentials(uid('nobody'))).toBeNull();
      expect((await repo.listUsers()).map((u) => u.id)).toContain(created.id);
    });

    it('refuses a taken name, an unknown role and an unknown property', async () => {
      const { repo } = env();
      const { branch } = await seedEstate(repo);
      const taken = await user(repo);
      await expect(repo.createUser({ name: taken.name, role: 'viewer', passwordHash: HASH })).rejects.toBeInstanceOf(ConflictError);
      await expect(repo.createUser({ name: uid('x'), role: 'owner' as 'admin', passwordHash: HASH })).rejects.toBeInstanceOf(
        ValidationError,
      );
      const name = uid('x');
      await expect(repo.createUser({ name, role: 'viewer', passwordHash: HASH, properties: [branch] })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await repo.findCredentials(name)).toBeNull(); // nothing half-made
      await expect(repo.getUser(uid('ghost'))).rejects.toBeInstanceOf(NotFoundError);
    });

    it('changes role, properties and password, and disabling ends sessions', async () => {
      const { repo, clock } = env();
      const { property } = await seedEstate(repo);
      const u = await user(repo);
      const updated = await repo.updateUser(u.id, { role: 'quality', properties: [property] });
      expect(updated).toMatchObject({ role: 'quality', properties: [property] });
      await repo.createSession({ tokenHash: hashToken(uid('s')), userId: u.id, expiresAt: new Date(clock.ms + 3_600_000) });
      const before = await repo.countUsers('quality');
      const disabled = await repo.updateUser(u.id, { disabled: true });
      expect(disabled.disabledAt).toBe('2026-03-02T00:00:00.000Z');
      expect(await repo.countUsers('quality')).toBe(before - 1);
      expect(await repo.updateUser(u.id, { disabled: false })).toMatchObject({ disabledAt: null });
      await repo.updateUser(u.id, { passwordHash: 'scrypt$new' });
      expect((await repo.findCredentials(u.name))?.passwordHash).toBe('scrypt$new');
    });
  });

  describe('API keys', () => {
    it('authenticates a live key by its hash, marks it used, and refuses it once revoked', async () => {
      const { repo, clock } = env();
      const u = await user(repo);
      const secret = uid('key');
      const key = await repo.createApiKey({ userId: u.id, name: 'desk import', keyHash: hashToken(secret) });
      expect(key).toMatchObject({ userId: u.id, name: 'desk import', lastUsedAt: null, revokedAt: null });
      clock.advance(1);
      const found = await repo.authenticateApiKey(hashToken(secret));
      expect(found?.user.id).toBe(u.id);
      expect(found?.key.lastUsedAt).toBe('2026-03-02T00:01:00.000Z');
      expect(await repo.authenticateApiKey(hashToken('wrong'))).toBeNull();
      expect((await repo.revokeApiKey(key.id)).revokedAt).not.toBeNull();
      expect(await repo.authenticateApiKey(hashToken(secret))).toBeNull();
      expect((await repo.listApiKeys(u.id)).map((k) => k.id)).toEqual([key.id]);
      await expect(repo.revokeApiKey(uid('ghost'))).rejects.toBeInstanceOf(NotFoundError);
      await expect(repo.createApiKey({ userId: uid('ghost'), name: 'x', keyHash: hashToken(uid('k')) })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('refuses the key of a disabled user', async () => {
      const { repo } = env();
      const u = await user(repo);
      const secret = uid('key');
      await repo.createApiKey({ userId: u.id, name: 'x', keyHash: hashToken(secret) });
      await repo.updateUser(u.id, { disabled: true });
      expect(await repo.authenticateApiKey(hashToken(secret))).toBeNull();
    });
  });

  describe('sessions', () => {
    it('finds a session until it expires, and forgets it when deleted', async () => {
      const { repo, clock } = env();
      const u = await user(repo);
      const live = hashToken(uid('s'));
      const short = hashToken(uid('s'));
      await repo.createSession({ tokenHash: live, userId: u.id, expiresAt: new Date(clock.ms + 60 * 60_000) });
      await repo.createSession({ tokenHash: short, userId: u.id, expiresAt: new Date(clock.ms + 10 * 60_000) });
      expect(await repo.findSession(live)).toMatchObject({ user: { id: u.id }, session: { userId: u.id } });
      clock.advance(10);
      expect(await repo.findSession(short)).toBeNull();
      expect(await repo.deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
      expect(await repo.deleteSession(live)).toBe(true);
      expect(await repo.deleteSession(live)).toBe(false);
      expect(await repo.findSession(live)).toBeNull();
    });
  });

  describe('setup tokens', () => {
    it('lets a token be used once, even by racing callers, and not after it expires', async () => {
      const { repo, clock } = env();
      const token = hashToken(uid('setup'));
      await repo.createSetupToken({ tokenHash: token, expiresAt: new Date(clock.ms + 15 * 60_000) });
      const { ok } = await race(5, () => repo.consumeSetupToken(token));
      expect(ok.filter(Boolean)).toHaveLength(1);
      const late = hashToken(uid('setup'));
      await repo.createSetupToken({ tokenHash: late, expiresAt: new Date(clock.ms + 15 * 60_000) });
      clock.advance(15);
      expect(await repo.consumeSetupToken(late)).toBe(false);
      expect(await repo.consumeSetupToken(hashToken('never issued'))).toBe(false);
    });
  });
}

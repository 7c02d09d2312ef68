import { describe, expect, it } from 'vitest';
import { CHANNELS, createRepository, type Db } from '../../../../server/store/index.js';
import { seedEstate, uid, type SuiteEnv } from './env.js';

/** Payloads heard on a channel of `db`, and a way to wait for one. */
async function hear(db: Db, channel: string): Promise<{ heard: string[]; waitFor(payload: string): Promise<void>; stop(): void }> {
  const heard: string[] = [];
  const stop = await db.listen(channel, (payload) => heard.push(payload));
  return {
    heard,
    stop,
    async waitFor(payload) {
      const deadline = Date.now() + 5000;
      while (!heard.includes(payload)) {
        if (Date.now() > deadline) throw new Error(`no notification "${payload}" on ${channel}; heard ${JSON.stringify(heard)}`);
        await new Promise((ok) => setTimeout(ok, 10));
      }
    },
  };
}

/** Long enough for a notification from PostgreSQL to have arrived, were it sent. */
const SETTLE_MS = 300;

export function notificationTests(env: () => SuiteEnv): void {
  describe('change notifications', () => {
    it('tell this instance and another one on the same database that a scope was activated', async () => {
      const { repo, db, fresh } = env();
      const { property } = await seedEstate(repo);
      const second = await fresh.second();
      try {
        const here = await hear(db, CHANNELS.policy);
        const there = await hear(second, CHANNELS.policy);
        const draft = await repo.createDraft({ scopeId: property, baseVersionId: null, source: `property ${property} "x"\n`, hash: 'h', author: 'a' });
        expect(here.heard).not.toContain(property); // a draft changes nothing anyone evaluates with
        await repo.activate(draft.id, 'a');
        // In this process the notification is delivered by the time the commit returns.
        expect(here.heard).toContain(property);
        await there.waitFor(property);
        const next = await repo.createDraft({ scopeId: property, baseVersionId: draft.id, source: `property ${property} "y"\n`, hash: 'h2', author: 'a' });
        await repo.activate(next.id, 'a');
        here.heard.length = 0;
        there.heard.length = 0;
        await repo.rollback(property, 'a');
        expect(here.heard).toEqual([property]);
        await there.waitFor(property);
        here.stop();
        there.stop();
      } finally {
        if (second !== db) await second.close();
      }
    });

    it('are delivered when the transaction commits, and never when it rolls back', async () => {
      const { db, fresh } = env();
      const second = await fresh.second();
      try {
        const here = await hear(db, CHANNELS.policy);
        const there = await hear(second, CHANNELS.policy);
        const committed = uid('kept');
        const undone = uid('undone');
        await db.transaction(async (tx) => {
          await tx.notify(CHANNELS.policy, committed);
          expect(here.heard).not.toContain(committed);
        });
        expect(here.heard).toContain(committed);
        await expect(
          db.transaction(async (tx) => {
            await tx.notify(CHANNELS.policy, undone);
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        await there.waitFor(committed);
        await new Promise((ok) => setTimeout(ok, SETTLE_MS));
        expect(here.heard).not.toContain(undone);
        expect(there.heard).not.toContain(undone);
        here.stop();
        there.stop();
      } finally {
        if (second !== db) await second.close();
      }
    });

    it('tell listeners that a key was revoked or a user changed, with the user id', async () => {
      const { repo, db, clock } = env();
      const user = await repo.createUser({ name: uid('system'), role: 'viewer', passwordHash: 'scrypt$x' });
      const key = await repo.createApiKey({ userId: user.id, name: 'crm', keyHash: uid('hash') });
      const access = await hear(db, CHANNELS.access);
      await createRepository(db, { now: clock.now }).revokeApiKey(key.id);
      expect(access.heard).toEqual([user.id]);
      await repo.updateUser(user.id, { disabled: true });
      expect(access.heard).toEqual([user.id, user.id]);
      access.stop();
      await repo.updateUser(user.id, { disabled: false });
      expect(access.heard).toHaveLength(2); // stopped listening
    });
  });
}

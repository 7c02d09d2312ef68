import { describe, expect, it } from 'vitest';
import { createRepository } from '../../../../server/store/index.js';
import { race, uid, type SuiteEnv } from './env.js';

const MINUTE = 60_000;

export function periodicTests(env: () => SuiteEnv): void {
  describe('periodic job claims', () => {
    it('grant a job once per interval, a little early rather than late', async () => {
      const { repo, clock } = env();
      const job = uid('sweep');
      expect(await repo.lastRun(job)).toBeNull();
      expect(await repo.claimRun(job, 5 * MINUTE, 'a')).toBe(true);
      expect(await repo.lastRun(job)).toEqual({ startedAt: clock.now().toISOString(), instance: 'a' });
      expect(await repo.claimRun(job, 5 * MINUTE, 'b')).toBe(false);
      clock.advance(4);
      expect(await repo.claimRun(job, 5 * MINUTE, 'b')).toBe(false);
      clock.advance(0.6); // 4.6 minutes: a timer firing early still gets its turn
      expect(await repo.claimRun(job, 5 * MINUTE, 'b')).toBe(true);
      expect(await repo.lastRun(job)).toMatchObject({ instance: 'b' });
      await expect(repo.claimRun(job, 0, 'a')).rejects.toMatchObject({ name: 'ValidationError' });
    });

    it('go to exactly one of several instances asking at once', async () => {
      const { repo, db, fresh, clock } = env();
      const job = uid('sweep');
      const second = await fresh.second();
      try {
        const repos = [repo, createRepository(second, { now: clock.now })];
        const { ok, failed } = await race(6, (i) => repos[i % 2]!.claimRun(job, 5 * MINUTE, `instance-${i}`));
        expect(failed).toEqual([]);
        expect(ok.filter(Boolean)).toHaveLength(1);
      } finally {
        if (second !== db) await second.close();
      }
    });
  });
}

import { afterEach, describe, expect, it } from 'vitest';
import { createPolicyService } from '../../server/policies.js';
import { startSweeper, SWEEP_JOB, type Sweeper } from '../../server/sweep.js';
import { createRepository, openStore, type Repository, type Store } from '../../server/store/index.js';

const INTERVAL_MS = 40;

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 5));
  }
}

describe('sweepers of several instances on one store', () => {
  let store: Store | undefined;
  const sweepers: Sweeper[] = [];
  afterEach(async () => {
    await Promise.all(sweepers.splice(0).map((s) => s.stop()));
    await store?.close();
  });

  it('sweep once per interval between them, not once each', async () => {
    store = await openStore({ backend: 'memory' });
    // The store's clock stands still: one interval never ends, however often the timers fire.
    let storeMs = Date.parse('2026-03-02T00:00:00Z');
    const repository = createRepository(store.db, { now: () => new Date(storeMs) });
    let claims = 0;
    let swept = 0;
    const counting: Repository = { ...repository, claimRun: (...args) => (claims++, repository.claimRun(...args)) };
    const policies = createPolicyService(repository, []);
    for (let i = 0; i < 2; i++) sweepers.push(startSweeper({ repository: counting, policies }, INTERVAL_MS, undefined, () => swept++));

    await until(() => claims >= 10, 'ten claims');
    expect(swept).toBe(1);
    expect(await repository.lastRun(SWEEP_JOB)).toMatchObject({ startedAt: new Date(storeMs).toISOString() });

    storeMs += INTERVAL_MS; // the next interval: one more sweep, by whichever instance asks first
    const before = claims;
    await until(() => claims >= before + 10, 'ten more claims');
    expect(swept).toBe(2);
    policies.close();
  });
});

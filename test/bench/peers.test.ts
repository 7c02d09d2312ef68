import { describe, expect, it } from 'vitest';
import { checkPeers } from '../../bench/peers.bench.js';

describe('the peers bench workload', () => {
  it('gets the same level and points from every evaluator as from the hand-written function, over tickets at every level', async () => {
    const check = await checkPeers(3000);
    expect(check.mismatches).toEqual({ hand: 0, core: 0, full: 0, json: 0, zen: 0 });
    for (const level of ['none', 'blue', 'yellow', 'red']) expect(check.levels[level] ?? 0).toBeGreaterThan(0);
  });
});

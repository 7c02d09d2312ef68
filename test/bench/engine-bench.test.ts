// The benches read the shipped policies themselves; a year's holiday table added to the group's
// `use` must reach them too (the engine bench once loaded 2026 only and `npm run bench` stopped
// at C203 when the group began to use 2025 as well).
import { describe, expect, it } from 'vitest';
import { compiled, shippedSources, vocabulary } from '../../bench/engine.bench.js';
import { benchPolicy } from '../../bench/engine-policies.js';

describe('the engine bench inputs', () => {
  it('load every shipped policy file, each year of holidays included, and compile the properties', () => {
    const uris = shippedSources().map((f) => f.uri);
    expect(uris).toEqual(expect.arrayContaining(['policies/group.sla', 'policies/calendars/cn-holidays-2025.sla', 'policies/calendars/cn-holidays-2026.sla', 'policies/properties/jinxiu-garden.sla']));
    for (const id of ['jinxiu-garden', 'xinghe-tower']) expect(() => compiled(shippedSources(), id)).not.toThrow();
    // The business-calendar bench policy is checked beside them (the one that stopped the run).
    expect(() => compiled([...shippedSources(), { uri: 'bench-business.sla', text: benchPolicy(vocabulary(), true) }], 'bench-business')).not.toThrow();
  });
});

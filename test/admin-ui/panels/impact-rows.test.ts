import { describe, expect, it } from 'vitest';
import { differing, impactRows } from '../../../admin-ui/src/panels/impact/impact-rows.js';
import type { ImpactReport } from '../../../admin-ui/src/panels/impact/impact-types.js';

// Three tickets; the draft tightens contact: one more breach, one ticket from none to blue (0.2 points).
const report: ImpactReport = {
  at: '2026-03-31T04:00:00.000Z',
  from: { policy: 'jinxiu-garden' },
  to: { policy: 'draft' },
  tickets: 3,
  skipped: { count: 1, examples: [] },
  counts: {
    from: { clocks: { contact: { met: 3 }, resolve: { met: 2, running: 1 } }, warnings: { none: 3 }, points: 0.1 },
    to: { clocks: { contact: { met: 2, breached: 1 }, resolve: { met: 2, running: 1 } }, warnings: { none: 2, blue: 1 }, points: 0.30000000000000004 },
  },
  penaltiesByUnit: [{ unit: 'jinxiu-garden/engineering', from: 0.1, to: 0.30000000000000004, delta: 0.2 }],
  penaltiesByCell: [],
  changed: {
    count: 1,
    examples: [{ ticketId: 'T-2', unit: 'jinxiu-garden/engineering', from: { warning: 'none', points: 0, clocks: { contact: 'met', resolve: 'met' } }, to: { warning: 'blue', points: 0.2, clocks: { contact: 'breached', resolve: 'met' } }, explanation: { from: [], to: [] } }],
  },
  history: { source: 'stored', period: '2026-03' },
};

describe('impactRows', () => {
  const rows = impactRows(report);

  it('compares breaches per clock, active against draft', () => {
    expect(rows.breaches).toEqual([
      { name: 'contact', active: 0, draft: 1, delta: 1 },
      { name: 'resolve', active: 0, draft: 0, delta: 0 },
    ]);
    expect(differing(rows.breaches).map((r) => r.name)).toEqual(['contact']);
  });

  it('counts warnings per level with "none" first, and points per unit without float noise', () => {
    expect(rows.warnings).toEqual([
      { name: 'none', active: 3, draft: 2, delta: -1 },
      { name: 'blue', active: 0, draft: 1, delta: 1 },
    ]);
    expect(rows.units).toEqual([{ name: 'jinxiu-garden/engineering', active: 0.1, draft: 0.3, delta: 0.2 }]);
    expect(rows.points).toMatchObject({ active: 0.1, draft: 0.3, delta: 0.2 });
  });

  it('lists each changed ticket with only the clocks whose state differs', () => {
    expect(rows).toMatchObject({ tickets: 3, skipped: 1, changed: 1 });
    expect(rows.changedTickets).toEqual([
      { ticketId: 'T-2', unit: 'jinxiu-garden/engineering', warning: { active: 'none', draft: 'blue' }, points: { active: 0, draft: 0.2 }, clocks: [{ name: 'contact', active: 'met', draft: 'breached' }] },
    ]);
  });
});

describe('comparedBars', () => {
  it('puts each row’s active count beside its draft count, names read as given', async () => {
    const { comparedBars } = await import('../../../admin-ui/src/panels/impact/impact-charts.js');
    const option = comparedBars(impactRows(report).warnings, { active: '生效版本', draft: '草稿', name: (n) => (n === 'none' ? '无预警' : n) });
    expect(option.xAxis).toMatchObject({ data: ['无预警', 'blue'] });
    expect(option.series).toEqual([
      expect.objectContaining({ name: '生效版本', type: 'bar', data: [3, 0] }),
      expect.objectContaining({ name: '草稿', type: 'bar', data: [2, 1] }),
    ]);
    expect(option.legend).toMatchObject({ data: ['生效版本', '草稿'] });
    expect(option.aria).toEqual({ enabled: true });
  });
});

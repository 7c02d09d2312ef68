import { describe, expect, it } from 'vitest';
import { format } from '../../../grammar/index.js';
import { effectiveDiff, groupRows } from '../../../admin-ui/src/panels/effective-diff/compare-effective.js';
import { fixture, GROUP, JINXIU, read, XINGHE } from '../fixtures.js';

const jinxiu = fixture(JINXIU);

describe('effectiveDiff', () => {
  it('lists each target cell a parameter change moves, with the line that sets the value', () => {
    const after = jinxiu.text.replace('param contact_within = 30m', 'param contact_within = 45m').replace('engineering/urgent: 10m', 'engineering/urgent: 12m');
    const [diff] = effectiveDiff({ path: JINXIU, before: jinxiu.text, after, related: jinxiu.related });
    const cells = diff?.rows.filter((r) => r.clock === 'contact') ?? [];
    // 6 categories x 3 tiers; engineering/urgent has its own row.
    expect(cells).toHaveLength(18);
    expect(cells.find((r) => r.category === 'order' && r.tier === 'general')).toEqual({
      path: 'clock contact',
      clock: 'contact',
      category: 'order',
      tier: 'general',
      before: '30m (contact_within)',
      after: '45m (contact_within)',
      beforeFrom: { uri: JINXIU, module: 'jinxiu-garden', line: 8 },
      afterFrom: { uri: JINXIU, module: 'jinxiu-garden', line: 8 },
    });
    expect(cells.find((r) => r.category === 'engineering' && r.tier === 'urgent')).toMatchObject({ before: '10m', after: '12m', afterFrom: { line: 21 } });
    expect(diff?.rows.filter((r) => !r.clock)).toEqual([
      { path: 'param contact_within', before: '30m', after: '45m', beforeFrom: { uri: JINXIU, module: 'jinxiu-garden', line: 8 }, afterFrom: { uri: JINXIU, module: 'jinxiu-garden', line: 8 } },
    ]);
  });

  it('shows a value newly overridden by the property as coming from the property instead of the group', () => {
    const after = `${jinxiu.text}\npenalties {\n  red 2 points\n}\n`;
    const rowLine = jinxiu.text.split('\n').length + 2;
    const [diff] = effectiveDiff({ path: JINXIU, before: jinxiu.text, after, related: jinxiu.related });
    expect(diff?.rows).toEqual([
      { path: 'penalty red', before: '1 point', after: '2 points', beforeFrom: { uri: GROUP, module: 'huayu-group', line: 688 }, afterFrom: { uri: JINXIU, module: 'jinxiu-garden', line: rowLine } },
    ]);
  });

  it('finds nothing when only comments and layout change', () => {
    const after = (format(jinxiu.text).value ?? '').replace('// ── 收紧的时限 ──', '// 收紧');
    expect(after).not.toBe(jinxiu.text);
    expect(effectiveDiff({ path: JINXIU, before: jinxiu.text, after, related: jinxiu.related })[0]?.rows).toEqual([]);
  });

  it('shows a group change for every property among the related files, except where a property overrides it', () => {
    const group = fixture(GROUP);
    const after = group.text.replace('  blue 0.2 points', '  blue 0.3 points').replace('    */general:   24h', '    */general:   12h');
    const related = [...group.related, { path: JINXIU, text: read(JINXIU) }, { path: XINGHE, text: read(XINGHE) }];
    const diffs = effectiveDiff({ path: GROUP, before: group.text, after, related });
    expect(diffs.map((d) => d.policy)).toEqual(['huayu-group', 'jinxiu-garden', 'xinghe-tower']);
    for (const d of diffs) {
      expect(d.rows.filter((r) => r.clock === 'resolve').map((r) => [r.category, r.before, r.after])).toEqual(
        ['customer_service', 'engineering', 'order', 'cleaning', 'landscaping', 'other'].map((c) => [c, '24h', '12h']),
      );
      expect(d.rows.find((r) => r.path === 'penalty blue')).toMatchObject({ before: '0.2 points', after: '0.3 points', afterFrom: { uri: GROUP, line: 686 } });
    }
  });

  it('compares a property across two versions of its group', () => {
    const beforeRelated = jinxiu.related;
    const changed = beforeRelated.map((r) => (r.path === GROUP ? { ...r, text: r.text.replace('param arrive_early "提前到达预约现场": duration = 5m', 'param arrive_early "提前到达预约现场": duration = 8m') } : r));
    const [diff] = effectiveDiff({ path: JINXIU, before: jinxiu.text, after: jinxiu.text, related: changed, beforeRelated });
    expect(diff?.rows.map((r) => [r.path, r.before, r.after, r.afterFrom?.uri])).toEqual([['param arrive_early', '5m', '8m', GROUP]]);
  });
});

describe('groupRows', () => {
  it('folds the cells of a clock that change alike into one row, keeping the others apart', () => {
    const after = jinxiu.text.replace('param contact_within = 30m', 'param contact_within = 45m').replace('engineering/urgent: 10m', 'engineering/urgent: 12m');
    const [diff] = effectiveDiff({ path: JINXIU, before: jinxiu.text, after, related: jinxiu.related });
    const groups = groupRows(diff?.rows ?? []);
    expect(groups.map((g) => [g.path, g.before, g.after, g.cells.length])).toEqual([
      ['clock contact', '30m (contact_within)', '45m (contact_within)', 17],
      ['clock contact', '10m', '12m', 1],
      ['param contact_within', '30m', '45m', 0],
    ]);
    expect(groups[1]?.cells).toEqual(['engineering · urgent']);
  });
});

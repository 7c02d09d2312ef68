import { describe, expect, it } from 'vitest';
import { historyRows } from '../../../admin-ui/src/panels/history/history-rows.js';

// As GET …/policy/history lists them: author ids with names, and who last made each version active.
const versions = [
  { id: 'v1', version: 1, createdBy: 'system', authorName: null, createdAt: '2026-11-01T02:00:00Z', comment: null, status: 'active', lastActivation: { kind: 'rollback' as const, actor: 'u-ada', actorName: 'ada', at: '2026-11-05T06:30:00Z', comment: '误报过多，回到 v1' } },
  { id: 'v2', version: 2, createdBy: 'u-wang', authorName: '王经理', createdAt: '2026-11-03T02:00:00Z', comment: '维修联系时限改为 25 分钟', status: 'retired', lastActivation: { kind: 'activate' as const, actor: 'u-quinn', actorName: null, at: '2026-11-04T01:00:00Z', comment: null } },
  { id: 'v3', version: 3, createdBy: 'u-wang', authorName: '王经理', createdAt: '2026-11-06T02:00:00Z', comment: null, status: 'draft', lastActivation: null },
];

describe('historyRows with the names and activations the server sends', () => {
  it('shows the author’s name, falling back to the id when the author is not a user', () => {
    expect(historyRows(versions, 'zh-CN').map((r) => [r.version, r.author, r.comment])).toEqual([
      [3, '王经理', ''],
      [2, '王经理', '维修联系时限改为 25 分钟'],
      [1, 'system', ''],
    ]);
  });

  it('says who last made each version active, when (in the zone asked) and why', () => {
    const [v3, v2, v1] = historyRows(versions, 'zh-CN', 'Asia/Shanghai');
    expect(v3?.activation).toBeUndefined();
    expect(v2?.activation).toMatchObject({ kind: 'activate', by: 'u-quinn', comment: '' });
    expect(v1?.activation).toMatchObject({ kind: 'rollback', by: 'ada', comment: '误报过多，回到 v1', at: '2026-11-05T06:30:00Z' });
    // 06:30 UTC is 14:30 in Shanghai.
    expect(v1?.activation?.when).toMatch(/2026.*11.*5.*14:30/);
  });
});

import { describe, expect, it } from 'vitest';
import { historyRows } from '../../../admin-ui/src/panels/history/history-rows.js';

const versions = [
  { id: 'a', version: 1, createdBy: 'li', createdAt: '2026-11-01T02:00:00Z', status: 'retired' },
  { id: 'c', version: 3, author: 'wang', createdAt: '2026-11-03T02:00:00Z', comment: '收紧工程紧急', status: 'draft' },
  { id: 'b', version: 2, author: 'li', createdAt: '2026-11-02T02:00:00Z', comment: null, status: 'active' },
];

describe('historyRows', () => {
  it('lists versions newest first with author, local time, comment and status', () => {
    const rows = historyRows(versions, 'zh-CN', 'Asia/Shanghai');
    expect(rows.map((r) => [r.version, r.author, r.comment, r.status])).toEqual([
      [3, 'wang', '收紧工程紧急', 'draft'],
      [2, 'li', '', 'active'],
      [1, 'li', '', 'retired'],
    ]);
    expect(rows[0]?.when).toMatch(/2026.*11.*3.*10:00/);
    expect(historyRows(versions, 'en', 'UTC')[0]?.when).toMatch(/Nov 3, 2026.*2:00/);
  });

  it('offers a rollback on the active version only when an earlier one was active', () => {
    expect(historyRows(versions, 'en').map((r) => r.canRollback)).toEqual([false, true, false]);
    expect(historyRows(versions.filter((v) => v.status !== 'retired'), 'en').some((r) => r.canRollback)).toBe(false);
  });

  it('keeps a time it cannot read as it came', () => {
    expect(historyRows([{ id: 'x', createdAt: 'yesterday', status: 'odd' }], 'en')[0]).toMatchObject({ when: 'yesterday', status: 'other', author: '' });
  });
});

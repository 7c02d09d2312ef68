import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../admin-ui/src/api/index.js';
import { detailLine, diffPathOf, ofAction } from '../../../../admin-ui/src/app/audit/audit-rows.js';
import { routeOf } from '../../../../admin-ui/src/app/router.js';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({ id: 1, at: '2026-12-01T00:00:00Z', actor: 'u1', actorName: 'ada', action: 'policy.activate', scopeId: 'jinxiu-garden', beforeVersionId: null, afterVersionId: null, detail: null, ...over });

describe('diffPathOf', () => {
  it('links a policy change with both versions to the diff page of those versions', () => {
    const path = diffPathOf(entry({ beforeVersionId: 'v/1', afterVersionId: 'v2' }));
    expect(path).toBe('/audit/diff/v%2F1/v2');
    expect(routeOf(path!)).toEqual({ page: 'audit-diff', from: 'v/1', to: 'v2' });
  });
  it('links nothing for a first activation or an entry that is not a policy change', () => {
    expect(diffPathOf(entry({ afterVersionId: 'v1' }))).toBeUndefined();
    expect(diffPathOf(entry({ action: 'user.create' }))).toBeUndefined();
  });
});

describe('detailLine', () => {
  it('writes name: value pairs and cuts a long one', () => {
    expect(detailLine({ name: 'bo', properties: ['a', 'b'] })).toBe('name: bo; properties: ["a","b"]');
    expect(detailLine({ text: 'x'.repeat(500) }, 20)).toHaveLength(20);
    expect(detailLine(null)).toBe('');
  });
});

describe('ofAction', () => {
  it('keeps the entries of the chosen action, or all', () => {
    const all = [entry({ id: 1 }), entry({ id: 2, action: 'user.create' })];
    expect(ofAction(all, 'user.create').map((e) => e.id)).toEqual([2]);
    expect(ofAction(all, '').map((e) => e.id)).toEqual([1, 2]);
  });
});

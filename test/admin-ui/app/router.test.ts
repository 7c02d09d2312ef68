import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathOf, routeOf } from '../../../admin-ui/src/app/router.js';

describe('routeOf', () => {
  it('reads the app’s pages', () => {
    expect(routeOf('/')).toEqual({ page: 'properties' });
    expect(routeOf('/properties')).toEqual({ page: 'properties' });
    expect(routeOf('/sign-in')).toEqual({ page: 'sign-in' });
    expect(routeOf('/setup')).toEqual({ page: 'setup' });
    expect(routeOf('/policy/jinxiu-garden')).toEqual({ page: 'policy', scope: 'jinxiu-garden' });
  });

  it('answers not-found for anything else, a broken escape included', () => {
    for (const path of ['/policy', '/policy/a/b', '/nothing', '/policy/%E0%A4%A']) expect(routeOf(path), path).toEqual({ page: 'not-found' });
  });

  it('reads back the path of any policy page', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (scope) => {
        expect(routeOf(pathOf({ page: 'policy', scope }))).toEqual({ page: 'policy', scope });
      }),
    );
  });
});

describe('the operational pages (issue 12)', () => {
  it('reads tickets now, scores, audit and administration', () => {
    for (const page of ['tickets', 'scores', 'audit', 'admin'] as const) expect(routeOf(`/${page}`)).toEqual({ page });
    expect(routeOf('/audit/diff/v-1/v-2')).toEqual({ page: 'audit-diff', from: 'v-1', to: 'v-2' });
    for (const path of ['/tickets/a/b', '/tickets/%E0%A4%A', '/audit/diff/a', '/audit/diff/%E0%A4%A/b', '/admins']) expect(routeOf(path), path).toEqual({ page: 'not-found' });
  });

  it('reads a ticket’s page, /tickets/{id}, what a score’s ledger entry links to', () => {
    expect(routeOf('/tickets/JX-1')).toEqual({ page: 'ticket', id: 'JX-1' });
    expect(routeOf('/tickets/%E5%B7%A5%E5%8D%95%2F1')).toEqual({ page: 'ticket', id: '工单/1' });
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        expect(routeOf(pathOf({ page: 'ticket', id }))).toEqual({ page: 'ticket', id });
      }),
    );
  });

  it('reads back the path of any policy diff', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (from, to) => {
        expect(routeOf(pathOf({ page: 'audit-diff', from, to }))).toEqual({ page: 'audit-diff', from, to });
      }),
    );
  });
});

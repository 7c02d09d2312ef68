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
    for (const path of ['/tickets/x', '/audit/diff/a', '/audit/diff/%E0%A4%A/b', '/admins']) expect(routeOf(path), path).toEqual({ page: 'not-found' });
  });

  it('reads back the path of any policy diff', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (from, to) => {
        expect(routeOf(pathOf({ page: 'audit-diff', from, to }))).toEqual({ page: 'audit-diff', from, to });
      }),
    );
  });
});

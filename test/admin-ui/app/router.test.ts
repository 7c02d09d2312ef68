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

import { describe, expect, it } from 'vitest';
import { navLinks } from '../../../../admin-ui/src/app/shell/nav.js';

const hrefs = (role: Parameters<typeof navLinks>[0]): string[] => navLinks(role, { page: 'properties' }).map((l) => l.href);

describe('navLinks', () => {
  it('shows the administration to admins only, the audit to admins and quality', () => {
    expect(hrefs('admin')).toEqual(['/properties', '/tickets', '/scores', '/audit', '/admin']);
    expect(hrefs('quality')).toEqual(['/properties', '/tickets', '/scores', '/audit']);
    expect(hrefs('manager')).toEqual(['/properties', '/tickets', '/scores']);
    expect(hrefs('viewer')).toEqual(['/properties', '/tickets', '/scores']);
  });
  it('marks the link of the page that shows, a diff under the audit', () => {
    expect(navLinks('admin', { page: 'audit-diff', from: 'a', to: 'b' }).filter((l) => l.current).map((l) => l.href)).toEqual(['/audit']);
    expect(navLinks('admin', { page: 'policy', scope: 'x' }).filter((l) => l.current).map((l) => l.href)).toEqual(['/properties']);
  });
});

// The header's links: every signed-in user sees the properties, tickets now and scores;
// the audit log is for admins and the quality department (as GET /v1/audit allows), the
// administration for admins only.
import type { Role } from '../../api/index.js';
import { t } from '../../i18n/app.js';
import { to } from '../../i18n/ops.js';
import type { Route } from '../router.js';

export interface NavLink {
  href: string;
  label: string;
  current: boolean;
}

export function navLinks(role: Role, route: Route): NavLink[] {
  const links: [string, string, readonly Route['page'][]][] = [
    ['/properties', t('app.nav.properties'), ['properties', 'policy']],
    ['/tickets', to('nav.tickets'), ['tickets']],
    ['/scores', to('nav.scores'), ['scores']],
  ];
  if (role === 'admin' || role === 'quality') links.push(['/audit', to('nav.audit'), ['audit', 'audit-diff']]);
  if (role === 'admin') links.push(['/admin', to('nav.admin'), ['admin']]);
  return links.map(([href, label, pages]) => ({ href, label, current: pages.includes(route.page) }));
}

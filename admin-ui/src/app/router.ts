// The app's pages by path. History API navigation: links and pages call navigate(), the
// shell listens for 'beacon-navigate' and for the browser's back and forward.
export type Route =
  | { page: 'sign-in' }
  | { page: 'setup' }
  | { page: 'properties' }
  | { page: 'policy'; scope: string }
  | { page: 'tickets' }
  | { page: 'ticket'; id: string }
  | { page: 'scores' }
  | { page: 'audit' }
  | { page: 'audit-diff'; from: string; to: string }
  | { page: 'admin' }
  | { page: 'not-found' };

const PLAIN_PAGES = new Set(['tickets', 'scores', 'audit', 'admin'] as const);

export function routeOf(path: string): Route {
  if (path === '/' || path === '/properties') return { page: 'properties' };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/setup') return { page: 'setup' };
  const plain = path.slice(1) as 'tickets';
  if (PLAIN_PAGES.has(plain)) return { page: plain };
  const diff = /^\/audit\/diff\/([^/]+)\/([^/]+)$/.exec(path);
  if (diff?.[1] && diff[2]) {
    try {
      return { page: 'audit-diff', from: decodeURIComponent(diff[1]), to: decodeURIComponent(diff[2]) };
    } catch {
      return { page: 'not-found' };
    }
  }
  const ticket = /^\/tickets\/([^/]+)$/.exec(path);
  if (ticket?.[1]) {
    try {
      return { page: 'ticket', id: decodeURIComponent(ticket[1]) };
    } catch {
      return { page: 'not-found' };
    }
  }
  const policy = /^\/policy\/([^/]+)$/.exec(path);
  if (policy?.[1]) {
    try {
      return { page: 'policy', scope: decodeURIComponent(policy[1]) };
    } catch {
      return { page: 'not-found' }; // a broken %-escape
    }
  }
  return { page: 'not-found' };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'policy':
      return `/policy/${encodeURIComponent(route.scope)}`;
    case 'ticket':
      return `/tickets/${encodeURIComponent(route.id)}`;
    case 'audit-diff':
      return `/audit/diff/${encodeURIComponent(route.from)}/${encodeURIComponent(route.to)}`;
    case 'not-found':
      return '/';
    default:
      return `/${route.page}`;
  }
}

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new CustomEvent('beacon-navigate'));
}

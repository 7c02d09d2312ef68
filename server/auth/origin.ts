// Cross-site request forgery. A browser sends the session cookie (SameSite=Lax) with a
// top-level form POST from any site only in some cases, and sends it with every request
// from a sibling site of the same registrable domain; SameSite alone left bodiless state
// changes (activate, rollback, logout) open to a form on another site. So every request
// that may change state (not GET, HEAD or OPTIONS) without a Bearer key is refused when a
// browser says it comes from elsewhere:
// - `Sec-Fetch-Site` (sent by current browsers, true behind any proxy): only `same-origin`
//   and `none` (the user's own navigation) pass;
// - else `Origin`: it must be this service's public origin (BEACON_PUBLIC_ORIGIN /
//   --origin), or, when none is configured, name the host the request was sent to (the
//   Host header), whichever scheme: behind a proxy that rewrites Host, configure it;
// - neither header: not a browser's cross-site request (browsers send Origin with every
//   cross-site POST, PUT, PATCH and DELETE), so it passes.
// Bearer-key calls pass: a key is never sent by a browser on its own.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { CROSS_SITE, HttpError } from '../errors.js';
import { bearerToken } from './caller.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CrossSiteError extends HttpError {
  constructor(from: string) {
    const message = `${from}: a browser request from another site may not change anything here (cross-site request forgery). Send it from this service's own pages, or call with an API key.`;
    super(403, 'cross-site', 'Cross-site request refused', message, [{ pointer: '', code: CROSS_SITE, message }]);
  }
}

/** `scheme://host[:port]` as browsers write Origin: lower case, no path, no trailing slash; undefined when not an http(s) URL. */
export function normaliseOrigin(text: string): string | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** Why the request must be refused as cross-site, or undefined when it may go on; `publicOrigin` normalised (normaliseOrigin). */
export function crossSiteReason(req: Pick<IncomingMessage, 'method' | 'headers'>, publicOrigin: string | undefined): string | undefined {
  if (SAFE.has(req.method ?? 'GET')) return undefined;
  if (bearerToken(req) !== undefined) return undefined;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none' ? undefined : `Sec-Fetch-Site: ${site}`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  const given = normaliseOrigin(origin);
  if (given !== undefined) {
    if (publicOrigin !== undefined ? given === publicOrigin : new URL(given).host === (req.headers.host ?? '').toLowerCase()) return undefined;
  }
  return `Origin: ${origin}`;
}

/** Refuses state-changing browser requests from other sites (403, H113). `publicOrigin`: the configured BEACON_PUBLIC_ORIGIN (normalised), if any. */
export function sameOriginOnly(publicOrigin?: string): RequestHandler {
  return (req, _res, next) => {
    const reason = crossSiteReason(req, publicOrigin);
    if (reason !== undefined) throw new CrossSiteError(reason);
    next();
  };
}

// Who is calling: resolved once per request from the session cookie or an
// `Authorization: Bearer <api key>` header, and kept on the request as `req.caller`.
// Nothing here refuses a request; the guards (guards.ts) do, per route.
//
// Systems call with keys at high rates, so a key's caller is cached (see ../cache.ts):
// revoking the key or changing its user empties the cache in every instance at once,
// and the key's last use is recorded when it is looked up, about once a minute.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { NotifiedCache } from '../cache.js';
import { hashToken, type ApiKey, type Repository, type User } from '../store/index.js';

export type Caller = { kind: 'user'; user: User } | { kind: 'key'; key: ApiKey; user: User };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by authenticate(): undefined when no live credential came with the request. */
      caller?: Caller;
      /** The session token from the cookie, when one came (logout ends it). */
      sessionToken?: string;
    }
  }
}

export const SESSION_COOKIE = 'beacon_session';

/** One cookie's value from the Cookie header; undefined when absent or not decodable. */
export function cookieValue(req: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The token of `Authorization: Bearer <token>`, if that is what the header says. */
export function bearerToken(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

export type KeyCallers = NotifiedCache<{ key: ApiKey; user: User } | null>;

export interface Credentials {
  /** Undefined when no live credential came with the request. */
  caller?: Caller;
  /** The session token from the cookie, when one came. */
  sessionToken?: string;
}

/** Who sent `req`: a Bearer key wins over a cookie (a system never has both). */
export function callerResolver(repository: Repository, keyCallers?: KeyCallers): (req: Pick<IncomingMessage, 'headers'>) => Promise<Credentials> {
  return async (req) => {
    const key = bearerToken(req);
    if (key !== undefined) {
      const keyHash = hashToken(key);
      const lookup = () => repository.authenticateApiKey(keyHash);
      const found = await (keyCallers ? keyCallers.get(keyHash, lookup) : lookup());
      return found ? { caller: { kind: 'key', key: found.key, user: found.user } } : {};
    }
    const token = cookieValue(req, SESSION_COOKIE);
    if (!token) return {};
    const found = await repository.findSession(hashToken(token));
    return found ? { caller: { kind: 'user', user: found.user }, sessionToken: token } : { sessionToken: token };
  };
}

/** Resolves req.caller (and req.sessionToken) for the routes after it. */
export function authenticate(repository: Repository, keyCallers?: KeyCallers): RequestHandler {
  const resolve = callerResolver(repository, keyCallers);
  return async (req, _res, next) => {
    const { caller, sessionToken } = await resolve(req);
    if (caller) req.caller = caller;
    if (sessionToken !== undefined) req.sessionToken = sessionToken;
    next();
  };
}

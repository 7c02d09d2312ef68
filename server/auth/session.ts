// Sessions: a random token in the HttpOnly cookie beacon_session (SameSite=Lax, Secure
// on https), only its hash in the store, expiring after `ttlMs`.
import type { Request, Response } from 'express';
import { hashToken, newToken, type Repository } from '../store/index.js';
import { SESSION_COOKIE } from './caller.js';

export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface SessionOptions {
  ttlMs: number;
  /** The wall clock the store also uses for expiry. */
  now: () => Date;
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' };
}

/** Creates a session for the user and sets its cookie; returns when it expires. */
export async function startSession(repository: Repository, req: Request, res: Response, userId: string, options: SessionOptions): Promise<Date> {
  const token = newToken();
  const expiresAt = new Date(options.now().getTime() + options.ttlMs);
  await repository.createSession({ tokenHash: hashToken(token), userId, expiresAt });
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), expires: expiresAt });
  return expiresAt;
}

/** Ends the request's session, if it has one, and clears the cookie either way. */
export async function endSession(repository: Repository, req: Request, res: Response): Promise<void> {
  if (req.sessionToken) await repository.deleteSession(hashToken(req.sessionToken));
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

// Signing in and out: POST /v1/auth/setup (the first admin, with the one-time token
// printed at the first start; GET serves a small form for it), POST /v1/auth/login,
// POST /v1/auth/logout, GET /v1/auth/me.
import { Router } from 'express';
import {
  BadCredentialsError,
  bodyOf,
  callerOf,
  createRateLimiter,
  endSession,
  requireCaller,
  smallForm,
  smallJson,
  startSession,
  TooManyAttemptsError,
  createPasswords,
  type Passwords,
  type RateLimiter,
  type SessionOptions,
} from '../auth/index.js';
import { HttpError } from '../errors.js';
import { loginRequestSchema, PASSWORD_MIN, setupRequestSchema, type LoginRequest, type SetupRequest } from '../schemas/index.js';
import { hashToken, type Repository } from '../store/index.js';

export interface AuthRouteOptions {
  repository: Repository;
  session: SessionOptions;
  /** Failed sign-ins per address and name; 5 in 15 minutes by default. */
  limiter?: RateLimiter;
  /** Failed sign-ins per address, whatever the name; 30 in 15 minutes by default. */
  addressLimiter?: RateLimiter;
  /** Password hashing, gated (passwords.ts); the app's own by default. */
  passwords?: Passwords;
}

export class SetupTokenError extends HttpError {
  constructor() {
    super(401, 'setup-token-invalid', 'The setup token is not valid', 'The setup token is unknown, expired or used already; restart the service with no admin for a new one, or use `beacon user add --role admin`.');
  }
}

export class SetupDoneError extends HttpError {
  constructor() {
    super(409, 'setup-done', 'Setup is done', 'An admin exists already; sign in instead.');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function setupPage(token: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Beacon: first admin</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}input{display:block;width:100%;padding:.4rem}</style>
</head><body>
<h1>Beacon: the first admin</h1>
<p>Choose the name and password of the first admin. This link works once.</p>
<form method="post" action="/v1/auth/setup">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label>Name <input name="name" required autocomplete="username"></label>
<label>Password (at least ${PASSWORD_MIN} characters) <input name="password" type="password" required minlength="${PASSWORD_MIN}" autocomplete="new-password"></label>
<button type="submit">Create the admin and sign in</button>
</form>
</body></html>
`;
}

export function authRoutes(options: AuthRouteOptions): Router {
  const { repository, session } = options;
  const limiter = options.limiter ?? createRateLimiter({ max: 5, windowMs: 15 * 60 * 1000 });
  const addressLimiter = options.addressLimiter ?? createRateLimiter({ max: 30, windowMs: 15 * 60 * 1000 });
  const passwords = options.passwords ?? createPasswords();
  const router = Router();

  router.get('/v1/auth/setup', (req, res) => {
    const token = typeof req.query['token'] === 'string' ? req.query['token'] : '';
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.type('html').send(setupPage(token));
  });

  router.post('/v1/auth/setup', smallJson, smallForm, async (req, res) => {
    const body = bodyOf<SetupRequest>(req, setupRequestSchema, { form: true });
    const passwordHash = await passwords.hash(body.password);
    // One transaction: a name taken or a lost race leaves the token unused.
    const user = await repository.transaction(async (repo) => {
      if (!(await repo.consumeSetupToken(hashToken(body.token)))) throw new SetupTokenError();
      if ((await repo.countUsers('admin')) > 0) throw new SetupDoneError();
      const created = await repo.createUser({ name: body.name, role: 'admin', passwordHash });
      await repo.audit({ actor: created.id, action: 'user.setup', detail: { name: created.name } });
      return created;
    });
    const expiresAt = await startSession(repository, req, res, user.id, session);
    res.status(201).json({ user, expiresAt: expiresAt.toISOString() });
  });

  router.post('/v1/auth/login', smallJson, async (req, res) => {
    const body = bodyOf<LoginRequest>(req, loginRequestSchema);
    const address = req.ip ?? req.socket.remoteAddress ?? '';
    const key = `${address}\u0000${body.name}`;
    const wait = limiter.retryAfter(key);
    if (wait > 0) throw new TooManyAttemptsError(wait);
    const addressWait = addressLimiter.retryAfter(address);
    if (addressWait > 0) throw new TooManyAttemptsError(addressWait, 'from this address');
    // Counted now, before the half-second check: attempts sent together each see the others'.
    limiter.reserve(key);
    addressLimiter.reserve(address);
    let found: Awaited<ReturnType<Repository['findCredentials']>>;
    let ok: boolean;
    try {
      found = await repository.findCredentials(body.name);
      ok = found ? await passwords.verify(body.password, found.passwordHash) : await passwords.verifyNobody(body.password);
    } catch (e) {
      // Never judged (busy, the store down): not an attempt.
      limiter.release(key);
      addressLimiter.release(address);
      throw e;
    }
    if (!found || !ok || found.user.disabledAt !== null) throw new BadCredentialsError();
    limiter.reset(key);
    addressLimiter.release(address);
    if (passwords.needsRehash(found.passwordHash)) {
      // Hashed at an older, lower cost: now that the password is known right, store it at today's.
      const rehashed = await passwords.hash(body.password).catch(() => undefined); // busy: the next sign-in does it
      if (rehashed !== undefined) await repository.rehashPassword(found.user.id, found.passwordHash, rehashed);
    }
    // A session the browser already held (anyone's: it may have been planted) ends here; the new one replaces it.
    if (req.sessionToken) await repository.deleteSession(hashToken(req.sessionToken));
    const expiresAt = await startSession(repository, req, res, found.user.id, session);
    res.json({ user: found.user, expiresAt: expiresAt.toISOString() });
  });

  router.post('/v1/auth/logout', async (req, res) => {
    await endSession(repository, req, res);
    res.status(204).end();
  });

  router.get('/v1/auth/me', requireCaller({ keys: true }), (req, res) => {
    const caller = callerOf(req);
    res.json(caller.kind === 'user' ? { kind: 'user', user: caller.user } : { kind: 'key', key: caller.key });
  });

  return router;
}

// GET /healthz (the process is up), GET /readyz (the store answers and its migrations
// were applied): anyone. GET /metrics (Prometheus text): it names the properties and
// the traffic, so an admin session, an API key, or the configured metrics token
// (BEACON_METRICS_TOKEN, for a scraper) only.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { bearerToken, ForbiddenError, UnauthenticatedError } from '../auth/index.js';
import type { Metrics } from '../metrics.js';
import type { Health, Ready } from '../schemas/index.js';

export interface Readiness {
  /** Resolves when the store answers; rejects otherwise. */
  pingStore(): Promise<void>;
  /** Every shipped migration is applied. */
  migrationsApplied(): boolean | Promise<boolean>;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** An admin session, any API key, or `Authorization: Bearer <metricsToken>`. */
export function metricsReader(metricsToken?: string): RequestHandler {
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  return (req, _res, next) => {
    const caller = req.caller;
    if (caller?.kind === 'key' || caller?.user.role === 'admin') return next();
    const token = bearerToken(req);
    // Compared as digests: equal lengths, and no early exit to time.
    if (expected !== undefined && token !== undefined && timingSafeEqual(digest(token), expected)) return next();
    if (!caller) throw new UnauthenticatedError('GET /metrics needs the metrics token (BEACON_METRICS_TOKEN) or an API key as Authorization: Bearer, or an admin signed in.');
    throw new ForbiddenError(`GET /metrics needs an admin, an API key or the metrics token; you are ${caller.user.role}.`);
  };
}

export function healthRoutes(readiness: Readiness, metrics: Metrics, metricsToken?: string): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: Health = { status: 'ok' };
    res.json(body);
  });
  router.get('/readyz', async (req, res) => {
    const store = await readiness.pingStore().then(
      () => true,
      (err: unknown) => {
        req.log.warn({ err }, 'readiness: the store does not answer');
        return false;
      },
    );
    const migrations = store && (await readiness.migrationsApplied());
    const body: Ready = { status: store && migrations ? 'ready' : 'not_ready', checks: { store, migrations } };
    res.status(body.status === 'ready' ? 200 : 503).json(body);
  });
  router.get('/metrics', metricsReader(metricsToken), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

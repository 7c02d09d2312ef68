// GET /healthz (the process is up), GET /readyz (the store answers and its migrations
// were applied), GET /metrics (Prometheus text).
import { Router } from 'express';
import type { Metrics } from '../metrics.js';
import type { Health, Ready } from '../schemas/index.js';

export interface Readiness {
  /** Resolves when the store answers; rejects otherwise. */
  pingStore(): Promise<void>;
  /** Every shipped migration is applied. */
  migrationsApplied(): boolean | Promise<boolean>;
}

export function healthRoutes(readiness: Readiness, metrics: Metrics): Router {
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
  router.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

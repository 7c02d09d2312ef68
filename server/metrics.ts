// Prometheus metrics, on a registry of the app's own (so several apps in one process,
// as in tests, do not collide): request latency by route and status, evaluations by
// outcome, and the active policy version each property is served with.
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  evaluations: Counter<'outcome'>;
  activePolicyVersion: Gauge<'property'>;
  /** Times each request; label `route` is the matched route pattern, `unmatched` otherwise. */
  middleware: RequestHandler;
  /** Times one answer, labelled with `route()` when it finishes: for the evaluate lane, which has no middleware. */
  time(method: string, res: ServerResponse, route: () => string): void;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'beacon_' });
  const httpDuration = new Histogram({
    name: 'beacon_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const evaluations = new Counter({
    name: 'beacon_evaluations_total',
    help: 'Tickets evaluated: ok, or invalid (the ticket or its property was refused)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const activePolicyVersion = new Gauge({
    name: 'beacon_active_policy_version',
    help: "The active policy version each property was last evaluated with on this instance",
    labelNames: ['property'] as const,
    registers: [registry],
  });
  const time = (method: string, res: ServerResponse, route: () => string): void => {
    const end = httpDuration.startTimer();
    res.once('finish', () => end({ method, route: route(), status: String(res.statusCode) }));
  };
  const middleware: RequestHandler = (req, res, next) => {
    time(req.method, res, () => {
      const route = req.route?.path;
      return typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
    });
    next();
  };
  return { registry, httpDuration, evaluations, activePolicyVersion, middleware, time };
}

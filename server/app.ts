// Builds the HTTP app; never listens (main.ts does). Everything it needs comes in:
// the repository, the libraries, the clock, the logger, readiness. A server of the app
// runs app.locals.handler: the evaluate lane (evaluate-lane.ts) in front of Express.
import { createServer, type RequestListener, type Server } from 'node:http';
import express, { type Express } from 'express';
import { pino, type Logger } from 'pino';
import type { SourceFile } from '../engine/index.js';
import { authenticate, callerResolver, createRateLimiter, DEFAULT_SESSION_TTL_MS, requireCaller } from './auth/index.js';
import { errorHandler, errorResponder, notFoundHandler } from './errors.js';
import { evaluateLane } from './evaluate-lane.js';
import { createMetrics, type Metrics } from './metrics.js';
import { docsPage, openApiDocument } from './openapi.js';
import { notifiedCache } from './cache.js';
import { requestLog, requestLogger } from './request-log.js';
import { apiSecurityHeaders, documentSecurityHeaders, setApiSecurityHeaders } from './security-headers.js';
import { createPolicyService, type PolicyService } from './policies.js';
import { authRoutes } from './routes/auth.js';
import { adminUi, type AdminUiOptions } from './admin-ui.js';
import { createEvaluator } from './routes/evaluator.js';
import { evaluateRoutes, sendJson, singleEvaluation } from './routes/evaluate.js';
import { healthRoutes, type Readiness } from './routes/health.js';
import { keyRoutes } from './routes/keys.js';
import { policyRoutes } from './routes/policies.js';
import { auditRoutes } from './routes/audit.js';
import { scoreRoutes } from './routes/scores.js';
import { simulateRoutes } from './routes/simulate.js';
import { ticketRoutes } from './routes/tickets.js';
import { importRoutes } from './routes/import.js';
import { userRoutes } from './routes/users.js';
import { organisationRoutes } from './routes/organisations.js';
import { CHANNELS, type Repository } from './store/index.js';

export interface AppOptions {
  repository: Repository;
  /** Libraries (holiday tables) the policies `use`; the store has no place for them yet. */
  libraries?: readonly SourceFile[];
  /** The clock, for requests without `at`. */
  now?: () => Date;
  logger?: Logger;
  /** By default the store is pinged through the repository and migrations are taken as applied (openStore applied them). */
  readiness?: Partial<Readiness>;
  metrics?: Metrics;
  /** Body limits in bytes: one ticket (1 MiB by default), and a JSON batch (10 MiB). */
  jsonLimit?: number;
  batchLimit?: number;
  auth?: AuthOptions;
  /** The built admin UI served at `/` after the API's routes (server/admin-ui.ts). */
  adminUi?: AdminUiOptions;
}

export interface AuthOptions {
  /** How long a session lasts; 8 hours by default. */
  sessionTtlMs?: number;
  /** The wall clock for session expiry (the store's clock judges it): the system clock by default, not `now`. */
  now?: () => Date;
  /** Failed sign-ins allowed per address and name within the window: 5 in 15 minutes by default. */
  loginAttempts?: { max: number; windowMs: number };
}

export interface App extends Express {
  locals: Express['locals'] & {
    metrics: Metrics;
    policies: PolicyService;
    /** Stops hearing the store's notifications. */
    close(): void;
    /** What a server runs: the evaluate lane (evaluate-lane.ts) in front of the app. app.listen serves it. */
    handler: RequestListener;
  };
}

const MiB = 1024 * 1024;

export function createApp(options: AppOptions): App {
  const logger = options.logger ?? pino({ level: 'info' });
  const metrics = options.metrics ?? createMetrics();
  const now = options.now ?? (() => new Date());
  const repository = options.repository;
  const policies = createPolicyService(repository, options.libraries ?? [], {
    onLoad: (ref) => metrics.activePolicyVersion.set({ property: ref.property }, ref.version),
    onListenError: (err) => logger.error({ err }, 'cannot hear policy changes from other instances; every request reads the store until this works'),
  });
  const readiness: Readiness = {
    // A one-row lookup by key: the cheapest question the repository answers.
    pingStore: options.readiness?.pingStore ?? (async () => void (await repository.activeVersion('readyz-probe'))),
    migrationsApplied: options.readiness?.migrationsApplied ?? (() => true),
  };

  const app = express() as App;
  app.locals.metrics = metrics;
  app.locals.policies = policies;
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(apiSecurityHeaders);
  app.get(['/v1/docs', '/v1/auth/setup'], documentSecurityHeaders);
  const logRequest = requestLogger(logger);
  app.use(requestLog(logger));
  app.use(metrics.middleware);
  const keyCallers = notifiedCache<Awaited<ReturnType<Repository['authenticateApiKey']>>>({
    listen: (channel, fn) => repository.listen(channel, fn),
    channel: CHANNELS.access,
    keep: (found) => found !== null, // a key created later must work at once
  });
  app.locals.close = () => {
    policies.close();
    keyCallers.close();
  };
  // Resolves req.caller when a credential came; each route's guard decides what it needs.
  app.use(authenticate(repository, keyCallers));

  // Evaluation first: the hottest route, so a request walks past no other router.
  // An API key or any signed-in user, checked before the body is read.
  const evaluator = createEvaluator(policies, metrics);
  const jsonLimit = options.jsonLimit ?? MiB;
  app.post(['/v1/evaluate', '/v1/evaluate/batch'], requireCaller({ keys: true }));
  app.use(evaluateRoutes({ evaluator, now, jsonLimit, batchLimit: options.batchLimit ?? 10 * MiB }));

  app.use(healthRoutes(readiness, metrics));
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/v1/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  const auth = options.auth ?? {};
  const clock = auth.now ?? (() => new Date());
  app.use(
    authRoutes({
      repository,
      session: { ttlMs: auth.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, now: clock },
      limiter: createRateLimiter({ ...(auth.loginAttempts ?? { max: 5, windowMs: 15 * 60 * 1000 }), now: () => clock().getTime() }),
    }),
  );
  app.use(userRoutes(repository));
  app.use(organisationRoutes(repository));
  app.use(keyRoutes(repository));
  app.use(policyRoutes({ repository, libraries: options.libraries ?? [] }));

  app.use(ticketRoutes({ repository, policies, now, jsonLimit }));
  app.use(importRoutes({ repository, policies, now }));
  app.use(scoreRoutes({ repository, policies, now }));
  app.use(auditRoutes(repository));
  app.use(simulateRoutes({ repository, libraries: options.libraries ?? [], now, bodyLimit: options.batchLimit ?? 10 * MiB }));

  app.use(adminUi(options.adminUi));
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  app.locals.handler = evaluateLane({
    resolveCaller: callerResolver(repository, keyCallers),
    evaluate: singleEvaluation(evaluator, now),
    begin: (req, res, route) => {
      // In the order of the middleware above.
      setApiSecurityHeaders(res);
      logRequest(req, res);
      metrics.time(req.method ?? 'POST', res, () => route);
    },
    fail: errorResponder(logger),
    send: sendJson,
    limit: jsonLimit,
    fallback: app,
  });
  // Every server of this app, the tests' included, runs the lane: Express's own listen would serve the app alone.
  app.listen = listenServing(() => app.locals.handler);
  return app;
}

/** An app.listen that serves `handler()` (read at each call) as Express's does the app: the callback also hears a failed listen, once. */
function listenServing(handler: () => RequestListener): App['listen'] {
  return ((...args: unknown[]): Server => {
    const server = createServer(handler());
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      let called = false;
      const once = (...result: unknown[]): void => {
        if (called) return;
        called = true;
        (last as (...a: unknown[]) => void)(...result);
      };
      args[args.length - 1] = once;
      server.once('error', once);
    }
    return server.listen(...(args as Parameters<Server['listen']>));
  }) as App['listen'];
}

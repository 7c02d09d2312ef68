// Builds the HTTP app; never listens (main.ts does). Everything it needs comes in:
// the repository, the libraries, the clock, the logger, readiness. A server of the app
// runs app.locals.handler: the evaluate lane (evaluate-lane.ts) in front of Express.
import { createServer, type RequestListener, type Server } from 'node:http';
import express, { type Express } from 'express';
import { pino, type Logger } from 'pino';
import type { SourceFile } from '../engine/index.js';
import { authenticate, callerResolver, createPasswords, crossSiteReason, normaliseOrigin, sameOriginOnly, createRateLimiter, DEFAULT_SESSION_TTL_MS, requireCaller, type PasswordOptions } from './auth/index.js';
import { errorHandler, errorResponder, notFoundHandler } from './errors.js';
import { evaluateLane } from './evaluate-lane.js';
import { createMetrics, type Metrics } from './metrics.js';
import { docsPage, openApiDocument, ROUTES } from './openapi.js';
import { requestEdge } from './request-edge.js';
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
import { dutyRoutes } from './routes/duties.js';
import { simulateRoutes } from './routes/simulate.js';
import { ticketRoutes } from './routes/tickets.js';
import { ticketListRoutes } from './routes/ticket-list.js';
import { unitLedgerRoutes } from './routes/unit-ledger.js';
import { notificationRoutes } from './routes/notifications.js';
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
  /**
   * This service's origin as browsers see it (`https://beacon.example.com`), for the
   * cross-site check of state-changing requests (auth/origin.ts); when absent, a
   * request's Origin must name the host it was sent to.
   */
  publicOrigin?: string;
  /** A bearer token that may read /metrics (a scraper's), besides an admin session or an API key. */
  metricsToken?: string;
  /**
   * Which proxies to believe about the client (Express's `trust proxy`: a hop count, or
   * addresses and `loopback`); none by default. Behind a proxy, set it: the sign-in limits
   * count per client address (else every client is the proxy), and the session cookie is
   * Secure when the proxy says https.
   */
  trustProxy?: number | string;
  /** Body limits in bytes: one ticket (1 MiB by default), and a JSON batch (10 MiB). */
  jsonLimit?: number;
  /** The most rows one CSV export of a unit's ledger holds (10,000 by default; beyond it, H561). */
  csvMaxRows?: number;
  batchLimit?: number;
  auth?: AuthOptions;
  /** Socket timeouts of every server of the app (app.listen); see SOCKET_TIMEOUTS. */
  timeouts?: Partial<SocketTimeouts>;
  /** The built admin UI served at `/` after the API's routes (server/admin-ui.ts). */
  adminUi?: AdminUiOptions;
}

export interface SocketTimeouts {
  /** A connection with nothing sent either way for this long is closed: a client that stalls mid-request, or holds a socket open. */
  idleMs: number;
  /** The request's headers must all arrive within this (slow-header clients). */
  headersMs: number;
  /** An idle kept-alive connection waits this long for its next request. */
  keepAliveMs: number;
}

/**
 * No bound on a whole request's time (Node's default of 5 minutes would cut a long
 * import or NDJSON stream that is working): a stalled one is closed by the idle timeout
 * instead, 2 minutes, longer than any silence of a working request (a JSON simulation of
 * a million tickets answers within it; the streams write progress lines).
 */
export const SOCKET_TIMEOUTS: SocketTimeouts = { idleMs: 120_000, headersMs: 20_000, keepAliveMs: 5_000 };

export interface AuthOptions {
  /** How long a session lasts; 8 hours by default. */
  sessionTtlMs?: number;
  /** The wall clock for session expiry (the store's clock judges it): the system clock by default, not `now`. */
  now?: () => Date;
  /** Sign-in attempts allowed per address and name within the window (counted before the password is checked, a success taken back): 5 in 15 minutes by default. */
  loginAttempts?: { max: number; windowMs: number };
  /** The same per address, whatever the name: 30 in 15 minutes by default. */
  addressAttempts?: { max: number; windowMs: number };
  /** Password hashing: the scrypt cost of new hashes (PASSWORD_COST by default), hashes at once and waiting (see auth/passwords.ts). */
  passwords?: PasswordOptions;
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

  const publicOrigin = options.publicOrigin === undefined ? undefined : normaliseOrigin(options.publicOrigin);
  if (options.publicOrigin !== undefined && publicOrigin === undefined) throw new Error(`publicOrigin '${options.publicOrigin}' is not an http(s) origin such as https://beacon.example.com`);
  const app = express() as App;
  app.locals.metrics = metrics;
  app.locals.policies = policies;
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(apiSecurityHeaders);
  app.get(['/v1/docs', '/v1/auth/setup'], documentSecurityHeaders);
  const logRequest = requestLogger(logger);
  app.use(requestLog(logger));
  app.use(metrics.middleware);
  // A path that does not decode, or NUL in the path or query: refused before any route reads them.
  app.use(requestEdge(ROUTES.map((r) => r.path)));
  // A browser's state-changing request from another site: refused before any route acts on it.
  app.use(sameOriginOnly(publicOrigin));
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

  app.use(healthRoutes(readiness, metrics, options.metricsToken));
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/v1/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  const auth = options.auth ?? {};
  const clock = auth.now ?? (() => new Date());
  const passwords = createPasswords(auth.passwords);
  const window = 15 * 60 * 1000;
  app.use(
    authRoutes({
      repository,
      session: { ttlMs: auth.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, now: clock },
      limiter: createRateLimiter({ ...(auth.loginAttempts ?? { max: 5, windowMs: window }), now: () => clock().getTime() }),
      addressLimiter: createRateLimiter({ ...(auth.addressAttempts ?? { max: 30, windowMs: window }), now: () => clock().getTime() }),
      passwords,
    }),
  );
  app.use(userRoutes(repository, passwords));
  app.use(organisationRoutes(repository));
  app.use(keyRoutes(repository));
  app.use(policyRoutes({ repository, libraries: options.libraries ?? [] }));

  app.use(ticketRoutes({ repository, policies, now, jsonLimit }));
  app.use(ticketListRoutes(repository, now));
  app.use(importRoutes({ repository, policies, now }));
  app.use(scoreRoutes({ repository, policies, now }));
  app.use(unitLedgerRoutes(repository, options.csvMaxRows));
  app.use(dutyRoutes({ repository, policies, now }));
  app.use(auditRoutes(repository));
  app.use(notificationRoutes(repository));
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
    handOver: (req) => crossSiteReason(req, publicOrigin) !== undefined,
  });
  // Every server of this app, the tests' included, runs the lane: Express's own listen would serve the app alone.
  app.listen = listenServing(() => app.locals.handler, { ...SOCKET_TIMEOUTS, ...options.timeouts });
  return app;
}

/** An app.listen that serves `handler()` (read at each call) as Express's does the app: the callback also hears a failed listen, once. */
function listenServing(handler: () => RequestListener, timeouts: SocketTimeouts): App['listen'] {
  return ((...args: unknown[]): Server => {
    const server = createServer({ requestTimeout: 0, headersTimeout: timeouts.headersMs, keepAliveTimeout: timeouts.keepAliveMs }, handler());
    // Without a 'timeout' listener, a socket idle this long is destroyed.
    server.setTimeout(timeouts.idleMs);
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

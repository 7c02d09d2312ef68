// Builds the HTTP app; never listens (main.ts does). Everything it needs comes in:
// the repository, the libraries, the clock, the logger, readiness.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { SourceFile } from '../engine/index.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { docsPage, openApiDocument } from './openapi.js';
import { createPolicyService, type PolicyService } from './policies.js';
import { createEvaluator } from './routes/evaluator.js';
import { evaluateRoutes } from './routes/evaluate.js';
import { healthRoutes, type Readiness } from './routes/health.js';
import type { Repository } from './store/index.js';

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
  /** Body limits (bytes or "1mb"): one ticket, and a JSON batch. */
  jsonLimit?: string;
  batchLimit?: string;
}

export interface App extends Express {
  locals: Express['locals'] & { metrics: Metrics; policies: PolicyService };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token, otherwise a new one; echoed back. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

export function createApp(options: AppOptions): App {
  const logger = options.logger ?? pino({ level: 'info' });
  const metrics = options.metrics ?? createMetrics();
  const now = options.now ?? (() => new Date());
  const repository = options.repository;
  const policies = createPolicyService(repository, options.libraries ?? [], (ref) => metrics.activePolicyVersion.set({ property: ref.property }, ref.version));
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
  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // The id, method and path; no headers (they will carry credentials once auth exists).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(metrics.middleware);

  app.use(healthRoutes(readiness, metrics));
  app.get('/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/v1/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  app.use(
    evaluateRoutes({
      evaluator: createEvaluator(policies, metrics),
      now,
      jsonLimit: options.jsonLimit ?? '1mb',
      batchLimit: options.batchLimit ?? '10mb',
    }),
  );

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}

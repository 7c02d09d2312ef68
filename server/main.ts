// Runs the service: opens the store (migrating it), imports the shipped policies into an
// empty store, listens, and on stop closes the listener, lets in-flight requests finish,
// then closes the store.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { createApp } from './app.js';
import { describeStore, type ServerConfig } from './config.js';
import { importPolicies, librariesOf, readPolicyFolder, readPropertyRecords, type ImportReport } from './policies.js';
import { DEFAULT_SWEEP_INTERVAL_MS, startSweeper, type Sweeper } from './sweep.js';
import { startDispatcher, type Dispatcher } from './notifications/dispatcher.js';
import { hashToken, newToken, openStore, type Repository, type Store } from './store/index.js';

/** How long the first start's setup link stays valid. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export interface Running {
  url: string;
  port: number;
  server: Server;
  store: Store;
  imported: ImportReport;
  logger: Logger;
  /** The one-time link for the first admin, when the store had no admin at this start. */
  setupUrl?: string;
  /** Stops accepting, waits for in-flight requests (up to the shutdown timeout), closes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  now?: () => Date;
  /** Relative paths in the config are resolved against this folder. */
  cwd?: string;
  /** Where the setup link is printed for the operator; standard error by default. */
  print?: (text: string) => void;
}

/** How often the notifications outbox is read for due deliveries. */
export const NOTIFY_INTERVAL_MS = 5_000;

export async function start(config: ServerConfig, options: StartOptions = {}): Promise<Running> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const cwd = options.cwd ?? process.cwd();
  const storeConfig = config.store.backend === 'pglite' ? { ...config.store, dir: resolve(cwd, config.store.dir) } : config.store;
  const policiesDir = resolve(cwd, config.policiesDir);
  const files = existsSync(policiesDir) ? readPolicyFolder(policiesDir) : [];
  if (files.length === 0) logger.warn({ policiesDir }, 'no policy files found: nothing to import, no libraries');

  const store = await openStore(storeConfig);
  logger.info({ store: describeStore(storeConfig), applied: store.applied }, 'store open');
  let imported: ImportReport;
  try {
    imported = await importPolicies(store.repository, files, logger, existsSync(policiesDir) ? readPropertyRecords(policiesDir) : new Map());
    if (imported.imported) logger.info({ organisations: imported.organisations, versions: imported.versions.length }, `imported ${policiesDir} into the empty store`);
  } catch (e) {
    await store.close();
    throw e;
  }

  let setupToken: string | undefined;
  try {
    setupToken = await setupTokenIfNoAdmin(store.repository);
  } catch (e) {
    await store.close();
    throw e;
  }

  const app = createApp({
    repository: store.repository,
    libraries: librariesOf(files),
    logger,
    ...(options.now ? { now: options.now } : {}),
    ...(config.publicOrigin ? { publicOrigin: config.publicOrigin } : {}),
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
  });
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? fail(err) : ok(s)));
    s.once('error', fail);
  });
  const sweepIntervalMs = config.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  const sweeper: Sweeper | undefined =
    sweepIntervalMs > 0 ? startSweeper({ repository: store.repository, policies: app.locals.policies, logger }, sweepIntervalMs, options.now) : undefined;
  // Notifications leave every few seconds; with the background jobs off (SWEEP_INTERVAL_MS=0), so do they.
  const dispatcher: Dispatcher | undefined = sweepIntervalMs > 0 ? startDispatcher(store.repository, NOTIFY_INTERVAL_MS, { logger }) : undefined;
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url }, `Beacon listening on ${url}`);
  // The admin UI's setup page; the token rides in the fragment, which browsers never send (no logs, no Referer).
  const setupUrl = setupToken === undefined ? undefined : `${url}/setup#token=${setupToken}`;
  if (setupUrl) {
    // Printed rather than only logged: the operator must see it even with LOG_LEVEL=silent.
    logger.warn('no admin yet: open the one-time setup link to choose the first admin (or run `beacon user add --role admin --password-stdin <name>` with the service stopped)');
    (options.print ?? ((text: string) => void process.stderr.write(text)))(`\nBeacon has no admin yet. Choose the first admin's name and password at this one-time link (valid 24 h):\n\n  ${setupUrl}\n\nor: curl -X POST ${url}/v1/auth/setup -H 'content-type: application/json' -d '{"token":"${setupToken}","name":"…","password":"…"}'\n\n`);
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      logger.info('stopping: no new connections; finishing requests in flight');
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      const timer = setTimeout(() => {
        logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still running at the shutdown timeout: closing their connections');
        server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
      await sweeper?.stop();
      await dispatcher?.stop();
      app.locals.close();
      await store.close();
      logger.info('stopped');
    })());

  return { url, port, server, store, imported, logger, stop, ...(setupUrl ? { setupUrl } : {}) };
}

/** A new one-time setup token (its hash stored) when no enabled admin exists; undefined otherwise. */
export async function setupTokenIfNoAdmin(repository: Repository, now: Date = new Date()): Promise<string | undefined> {
  if ((await repository.countUsers('admin')) > 0) return undefined;
  const token = newToken();
  await repository.createSetupToken({ tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS) });
  return token;
}

/**
 * start(), then stop() on the first SIGINT or SIGTERM; resolves when stopped. The handlers stay
 * until the store is closed: Ctrl-C under `npm start` delivers SIGINT twice (the terminal's, and
 * npm's forwarding), and a second signal with no handler would kill the process mid-shutdown.
 */
export async function runUntilSignal(config: ServerConfig, options: StartOptions = {}): Promise<void> {
  const running = await start(config, options);
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  await new Promise<void>((ok) => {
    let received = false;
    onSignal = (signal) => {
      running.logger.info({ signal }, received ? 'signal received again: already stopping' : 'signal received');
      received = true;
      ok();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  try {
    await running.stop();
  } finally {
    process.off('SIGINT', onSignal as (signal: NodeJS.Signals) => void);
    process.off('SIGTERM', onSignal as (signal: NodeJS.Signals) => void);
  }
}

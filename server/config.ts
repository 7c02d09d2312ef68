// The server's configuration: from flags (beacon serve) and the environment, validated
// against a schema at boot, so a wrong port or log level stops the start with a message
// instead of failing later.
import { storeConfigFrom, type StoreConfig } from './store/index.js';
import { check } from './schemas/index.js';

export const configSchema = {
  type: 'object',
  required: ['host', 'port', 'store', 'policiesDir', 'logLevel', 'shutdownTimeoutMs'],
  properties: {
    host: { type: 'string', minLength: 1, description: '127.0.0.1 unless HOST or --host says otherwise: a safe default until TLS is in front' },
    port: { type: 'integer', minimum: 0, maximum: 65535, description: '0 picks a free port' },
    store: {
      oneOf: [
        { type: 'object', required: ['backend', 'url'], properties: { backend: { const: 'postgres' }, url: { type: 'string', pattern: '^postgres(ql)?://' } } },
        { type: 'object', required: ['backend', 'dir'], properties: { backend: { const: 'pglite' }, dir: { type: 'string', minLength: 1 } } },
        { type: 'object', required: ['backend'], properties: { backend: { const: 'memory' } } },
      ],
    },
    policiesDir: { type: 'string', minLength: 1, description: 'Imported into an empty store; its libraries are loaded at every start' },
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    shutdownTimeoutMs: { type: 'integer', minimum: 0, description: 'How long in-flight requests may run after SIGTERM' },
    sweepIntervalMs: { type: 'integer', minimum: 0, description: 'How often open tickets are re-evaluated and new warning levels recorded; 0 disables the sweep' },
    publicOrigin: { type: 'string', pattern: '^https?://[^/?#]+/?$', description: 'The origin browsers reach the service at (https://beacon.example.com), for the cross-site check; the Host header when absent' },
    trustProxy: {
      oneOf: [{ type: 'integer', minimum: 1 }, { type: 'string', pattern: '^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+)(\\s*,\\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$' }],
      description: 'The proxies in front whose X-Forwarded-For and X-Forwarded-Proto are believed: a hop count, or addresses and loopback',
    },
    metricsToken: { type: 'string', minLength: 16, description: 'A bearer token that may read /metrics (besides an admin session or an API key)' },
  },
  additionalProperties: false,
} as const;

export interface ServerConfig {
  host: string;
  port: number;
  store: StoreConfig;
  policiesDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  shutdownTimeoutMs: number;
  /** How often the sweep runs; 0: never. 5 minutes by default. */
  sweepIntervalMs?: number;
  /** BEACON_PUBLIC_ORIGIN / --origin: the origin browsers reach the service at; the Host header when absent. */
  publicOrigin?: string;
  /** BEACON_METRICS_TOKEN: a bearer token for /metrics (a scraper), besides an admin session or an API key. */
  metricsToken?: string;
  /** BEACON_TRUST_PROXY: a hop count, or the proxies' addresses; none when absent. */
  trustProxy?: number | string;
}

export interface ConfigFlags {
  port?: string;
  host?: string;
  memory?: boolean;
  data?: string;
  policies?: string;
  origin?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;

/** A whole number stays a number; anything else stays text, so the schema names it. */
function integer(text: string | undefined, fallback: number): number | string {
  if (text === undefined || text === '') return fallback;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** `{ [name]: value }` when the value is given and not empty, else nothing. */
function optional<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [name]: value } as Record<K, string>);
}

/** Flags first, then the environment: PORT, HOST, DATABASE_URL, BEACON_DATA_DIR, BEACON_POLICIES_DIR, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, SWEEP_INTERVAL_MS, BEACON_PUBLIC_ORIGIN, BEACON_METRICS_TOKEN, BEACON_TRUST_PROXY. */
export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const raw = {
    host: flags.host ?? env['HOST'] ?? DEFAULT_HOST,
    port: integer(flags.port ?? env['PORT'], DEFAULT_PORT),
    store: storeConfigFrom({ memory: flags.memory ?? false, databaseUrl: env['DATABASE_URL'], dataDir: flags.data ?? env['BEACON_DATA_DIR'] }),
    policiesDir: flags.policies ?? env['BEACON_POLICIES_DIR'] ?? './policies',
    logLevel: env['LOG_LEVEL'] ?? 'info',
    shutdownTimeoutMs: integer(env['SHUTDOWN_TIMEOUT_MS'], 10_000),
    sweepIntervalMs: integer(env['SWEEP_INTERVAL_MS'], 5 * 60 * 1000),
    ...optional('publicOrigin', flags.origin ?? env['BEACON_PUBLIC_ORIGIN']),
    ...optional('metricsToken', env['BEACON_METRICS_TOKEN']),
    ...(env['BEACON_TRUST_PROXY'] ? { trustProxy: integer(env['BEACON_TRUST_PROXY'], 0) } : {}),
  };
  const result = check<ServerConfig>(configSchema, raw);
  if (!result.ok) throw new ConfigError(result.errors.map((e) => e.message.replace(/^\/(\w+)/, '$1')));
  return result.value;
}

/** Where the store is, for the start-up log line: never the password of a DATABASE_URL. */
export function describeStore(store: StoreConfig): string {
  switch (store.backend) {
    case 'memory':
      return 'in memory (PGlite; forgotten at exit)';
    case 'pglite':
      return `PGlite in ${store.dir}`;
    case 'postgres':
      return `PostgreSQL at ${store.url.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
}

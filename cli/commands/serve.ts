// `beacon serve [--port N] [--host H] [--memory] [--data DIR] [--policies DIR] [--origin URL]`
import { ConfigError, loadConfig, runUntilSignal } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type Io } from '../io.js';
import { ensureUiBuilt } from '../../admin-ui/build.js';

export const serveUsage = `beacon serve [--port N] [--host H] [--memory] [--data DIR] [--policies DIR] [--origin URL]
  Runs the HTTP service (POST /v1/evaluate, /v1/docs) on 127.0.0.1:8080 by default.
  Store: DATABASE_URL (PostgreSQL), --memory (pg-mem), else PGlite in --data
  (BEACON_DATA_DIR, ./data). An empty store gets the policies of --policies (./policies).
  Listens on 127.0.0.1 unless --host says otherwise; put TLS in front before binding publicly.
  --origin (BEACON_PUBLIC_ORIGIN): the origin browsers reach it at, such as https://beacon.example.com
  behind a proxy; state-changing browser requests from any other origin are refused.
  Serves the admin UI at / (rebuilt first when its sources changed and Vite is installed).`;

export async function runServe(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { flags: ['memory'], options: ['port', 'host', 'data', 'policies', 'origin'] });
  if (args.positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${args.positionals.join(' ')}`);
  const one = (name: string): string | undefined => args.options.get(name)?.at(-1);
  let config;
  try {
    config = loadConfig({ port: one('port'), host: one('host'), memory: args.flags.has('memory'), data: one('data'), policies: one('policies'), origin: one('origin') });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  // The UI served at `/` is rebuilt first when its sources changed since the last build (a pull, an edit).
  await ensureUiBuilt((line) => io.err(`${line}\n`));
  await runUntilSignal(config, { cwd: io.cwd });
  return 0;
}

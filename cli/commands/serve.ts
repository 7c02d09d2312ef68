// `beacon serve [--port N] [--host H] [--memory] [--data DIR] [--policies DIR]`
import { ConfigError, loadConfig, runUntilSignal } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type Io } from '../io.js';

export const serveUsage = `beacon serve [--port N] [--host H] [--memory] [--data DIR] [--policies DIR]
  Runs the HTTP service (POST /v1/evaluate, /v1/docs) on 127.0.0.1:8080 by default.
  Store: DATABASE_URL (PostgreSQL), --memory (PGlite in memory), else PGlite in --data
  (BEACON_DATA_DIR, ./data). An empty store gets the policies of --policies (./policies).
  Listens on 127.0.0.1 unless --host says otherwise; put TLS in front before binding publicly.`;

export async function runServe(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { flags: ['memory'], options: ['port', 'host', 'data', 'policies'] });
  if (args.positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${args.positionals.join(' ')}`);
  const one = (name: string): string | undefined => args.options.get(name)?.at(-1);
  let config;
  try {
    config = loadConfig({ port: one('port'), host: one('host'), memory: args.flags.has('memory'), data: one('data'), policies: one('policies') });
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
  await runUntilSignal(config, { cwd: io.cwd });
  return 0;
}

// `beacon serve [--port N] [--host H] [--memory] [--data DIR] [--policies DIR] [--origin URL]`
import { ensureUiBuilt } from '../../admin-ui/build.js';
import { ConfigError, loadConfig, runUntilSignal } from '../../server/index.js';
import { parseArgs } from '../args.js';
import { textOf, UsageError, type Io } from '../io.js';

export async function runServe(argv: readonly string[], io: Io): Promise<number> {
  const t = textOf(io);
  const args = parseArgs(argv, { flags: ['memory'], options: ['port', 'host', 'data', 'policies', 'origin'], short: { p: 'port' } }, t);
  if (args.positionals.length > 0) throw new UsageError(t.serveNoArgs(args.positionals.join(' ')));
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

// The `beacon` command line: dispatches to one command per file in commands/.
import { checkUsage, runCheck } from './commands/check.js';
import { compileUsage, runCompile } from './commands/compile.js';
import { effectiveUsage, runEffective } from './commands/effective.js';
import { evalUsage, runEval } from './commands/eval.js';
import { fmtUsage, runFmt } from './commands/fmt.js';
import { importUsage, runImport } from './commands/import.js';
import { keyUsage, runKey } from './commands/key.js';
import { runServe, serveUsage } from './commands/serve.js';
import { runSimulate, simulateUsage } from './commands/simulate.js';
import { runTest, testUsage } from './commands/test.js';
import { runUser, userUsage } from './commands/user.js';
import { processIo, UsageError, type Io } from './io.js';
import { StoreError } from '../server/index.js';

const COMMANDS: Record<string, { usage: string; run: (argv: readonly string[], io: Io) => number | Promise<number> }> = {
  check: { usage: checkUsage, run: runCheck },
  fmt: { usage: fmtUsage, run: runFmt },
  test: { usage: testUsage, run: runTest },
  eval: { usage: evalUsage, run: runEval },
  simulate: { usage: simulateUsage, run: runSimulate },
  compile: { usage: compileUsage, run: runCompile },
  effective: { usage: effectiveUsage, run: runEffective },
  serve: { usage: serveUsage, run: runServe },
  user: { usage: userUsage, run: runUser },
  key: { usage: keyUsage, run: runKey },
  import: { usage: importUsage, run: runImport },
};

export function usage(): string {
  return `Beacon: SLA and escalation policies as code.\n\nUsage:\n${Object.values(COMMANDS)
    .map((c) => `  ${c.usage.replace(/\n/g, '\n  ')}`)
    .join('\n\n')}\n`;
}

/** Runs one command line and returns its exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`beacon: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`beacon ${name}: ${e.message}\n\n  ${command.usage.replace(/\n/g, '\n  ')}\n`);
      return 2;
    }
    // The store refused (a locked data folder, a database that is not there): its message says what to do.
    if (e instanceof StoreError) {
      io.err(`beacon ${name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

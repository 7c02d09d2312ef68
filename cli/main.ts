// The `beacon` command line: dispatches to one command per file in commands/. Each command
// is imported only when it runs, so `beacon --help` loads no parser and `beacon check`
// no server; usage texts live in the message catalogue for the same reason.
import { readFileSync } from 'node:fs';
import { wantsHelp } from './args.js';
import { closest } from './did-you-mean.js';
import { processIo, textOf, UsageError, type Io } from './io.js';
import { langFromEnv, langOf, messagesFor, type Lang, type Messages } from './messages.js';

type Run = (argv: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Record<keyof Messages['usage'], () => Promise<Run>> = {
  check: async () => (await import('./commands/check.js')).runCheck,
  fmt: async () => (await import('./commands/fmt.js')).runFmt,
  test: async () => (await import('./commands/test.js')).runTest,
  eval: async () => (await import('./commands/eval.js')).runEval,
  simulate: async () => (await import('./commands/simulate.js')).runSimulate,
  compile: async () => (await import('./commands/compile.js')).runCompile,
  effective: async () => (await import('./commands/effective.js')).runEffective,
  serve: async () => (await import('./commands/serve.js')).runServe,
  user: async () => (await import('./commands/user.js')).runUser,
  key: async () => (await import('./commands/key.js')).runKey,
  import: async () => (await import('./commands/import.js')).runImport,
  holidays: async () => (await import('./commands/holidays.js')).runHolidays,
};
type CommandName = keyof typeof COMMANDS;
const NAMES = Object.keys(COMMANDS) as CommandName[];
/** Commands that open the store: only their failures can be the store's refusals. */
const STORE_COMMANDS = new Set<string>(['serve', 'user', 'key']);

const indent = (text: string): string => `  ${text.replace(/\n/g, '\n  ')}`;

export function usage(lang: Lang = 'en'): string {
  const t = messagesFor(lang);
  return `${t.intro}\n\n${t.usageHeading}\n${NAMES.map((n) => indent(t.usage[n])).join('\n\n')}\n\n${t.globalOptions}\n`;
}

export function version(): string {
  // dist/cli/main.js and cli/main.ts sit at different depths below package.json.
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'beacon-sla' && pkg.version) return pkg.version;
    } catch {
      // not at this depth
    }
  }
  return 'unknown';
}

/** Takes --lang out of the arguments (anywhere before `--`); the locale decides without it. */
function languageOf(argv: readonly string[], fallback: Lang): { lang: Lang; rest: string[] } | { error: string } {
  const rest: string[] = [];
  let lang = fallback;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      rest.push(arg);
      continue;
    }
    const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
    const chosen = langOf(value);
    if (!chosen) return { error: messagesFor(lang).badLang(value ?? '') };
    lang = chosen;
  }
  return { lang, rest };
}

/** Runs one command line and returns its exit code; never calls process.exit. */
export async function main(argv: readonly string[], io: Io = processIo(langFromEnv(process.env))): Promise<number> {
  const chosen = languageOf(argv, io.lang ?? 'en');
  if ('error' in chosen) {
    io.err(`beacon: ${chosen.error}\n`);
    return 2;
  }
  io = { ...io, lang: chosen.lang };
  const t = textOf(io);
  const [name, ...rest] = chosen.rest;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(`beacon ${version()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && topic in COMMANDS) {
      io.out(`${indent(t.usage[topic as CommandName]).slice(2)}\n`);
      return 0;
    }
    io.out(usage(chosen.lang));
    return name ? 0 : 2;
  }
  if (!(name in COMMANDS)) {
    const guess = name.startsWith('-') ? undefined : closest(name, NAMES);
    io.err(`beacon: ${t.unknownCommand(name)}${guess ? ` (${t.didYouMean(`beacon ${guess}`)})` : ''}\n\n${usage(chosen.lang)}`);
    return 2;
  }
  const command = name as CommandName;
  if (wantsHelp(rest)) {
    io.out(`${t.usage[command]}\n`);
    return 0;
  }
  try {
    return await (await COMMANDS[command]())(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`beacon ${command}: ${e.message}\n\n${indent(t.usage[command])}\n`);
      return 2;
    }
    // The store refused (a locked data folder, a database that is not there): its message says what to do.
    if (STORE_COMMANDS.has(command)) {
      const { StoreError } = await import('../server/index.js');
      if (e instanceof StoreError) {
        io.err(`beacon ${command}: ${e.message}\n`);
        return 1;
      }
    }
    throw e;
  }
}

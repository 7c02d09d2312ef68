// A small, strict argument parser: known flags only, so a typo is an error (with the
// option it most likely meant) rather than a silently ignored option.
import { closest } from './did-you-mean.js';
import type { Messages } from './messages.js';
import { UsageError } from './io.js';

export interface ParsedArgs {
  flags: Set<string>;
  options: Map<string, string[]>;
  positionals: string[];
}

export interface ArgSpec {
  flags?: string[];
  options?: string[];
  /** One-letter aliases: { j: 'json', p: 'policy' }. */
  short?: Record<string, string>;
}

/** Whether the command line asks for help (before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export function parseArgs(argv: readonly string[], spec: ArgSpec, text?: Messages): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string[]>();
  const positionals: string[] = [];
  const known = [...(spec.flags ?? []), ...(spec.options ?? [])];
  const unknown = (given: string): UsageError => {
    const guess = given.startsWith('--') ? closest(given.slice(2), known) : undefined;
    const hint = guess ? ` (${text ? text.didYouMean(`--${guess}`) : `did you mean --${guess}?`})` : '';
    return new UsageError(`${text ? text.unknownOption(given) : `Unknown option ${given}`}${hint}`);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // `-` alone is standard input, a positional like any file name.
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    } else {
      const long = spec.short?.[arg[1] as string];
      if (!long || (arg.length > 2 && arg[2] !== '=')) throw unknown(arg);
      name = long;
      inline = arg.length > 2 ? arg.slice(3) : undefined;
    }
    if (spec.flags?.includes(name) && inline === undefined) {
      flags.add(name);
    } else if (spec.options?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(text ? text.needsValue(`--${name}`) : `--${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else {
      throw unknown(arg.startsWith('--') ? `--${name}` : arg);
    }
  }
  return { flags, options, positionals };
}

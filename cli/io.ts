// What a command may touch of the outside world, passed in so tests can run
// commands in-process and read what they printed.
import { messagesFor, type Lang, type Messages } from './messages.js';

export interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** The language of the CLI's own messages; English when absent. */
  lang?: Lang;
  /** Standard input as text, for `-` in place of a file. */
  readStdin?(): Promise<string>;
  /** Whether standard error is a terminal: progress lines are drawn only then. */
  errIsTTY?: boolean;
}

export function processIo(lang: Lang = 'en'): Io {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    lang,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    errIsTTY: process.stderr.isTTY === true,
  };
}

/** The catalogue in the caller's language. */
export function textOf(io: Io): Messages {
  return messagesFor(io.lang ?? 'en');
}

/** Standard input, or a usage error when the caller has none to give. */
export async function stdinOf(io: Io): Promise<string> {
  if (!io.readStdin) throw new UsageError('standard input is not available here');
  return io.readStdin();
}

/** A mistake in how the command was called: usage is printed, exit code 2. */
export class UsageError extends Error {}

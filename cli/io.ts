// What a command may touch of the outside world, passed in so tests can run
// commands in-process and read what they printed.
export interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}

/** A mistake in how the command was called: usage is printed, exit code 2. */
export class UsageError extends Error {}

// Writing a streamed answer, waiting while the client is slow to read (backpressure).
// Shared by the batch answers (JSON and NDJSON), the ticket import and the simulation.
import { once } from 'node:events';
import type { Response } from 'express';

/** Writes text; resolves when the client can take more, or at once when it has gone. */
export function chunkWriter(res: Response): (text: string) => Promise<void> {
  return async (text) => {
    // After 'close' neither 'drain' nor 'close' comes again: waiting would never end.
    if (res.destroyed || res.writableEnded) return;
    if (res.write(text)) return;
    // One signal for both waits, aborted after either: no listener is left behind per wait.
    const done = new AbortController();
    try {
      await Promise.race([once(res, 'drain', { signal: done.signal }), once(res, 'close', { signal: done.signal })]);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') throw e;
    } finally {
      done.abort();
    }
  };
}

/** Writes one line; resolves when the client can take more, or at once when it has gone. */
export type LineWriter = (line: unknown) => Promise<void>;

export function ndjsonWriter(res: Response): LineWriter {
  const write = chunkWriter(res);
  return (line) => write(`${JSON.stringify(line)}\n`);
}

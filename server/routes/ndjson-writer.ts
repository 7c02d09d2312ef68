// Writing a streamed answer, waiting while the client is slow to read (backpressure).
// Shared by the batch answers (JSON and NDJSON), the ticket import and the simulation.
import type { Response } from 'express';

/** Writes text or bytes; resolves when the client can take more, or at once when it has gone. */
export function chunkWriter(res: Response): (chunk: string | Buffer) => Promise<void> {
  return async (chunk) => {
    // After 'close' neither 'drain' nor 'close' comes again: waiting would never end.
    if (res.destroyed || res.writableEnded) return;
    if (res.write(chunk)) return;
    // Plain listeners, both removed on either: no listener is left behind per wait, and
    // no AbortError is made (and its stack captured) for the one that did not come.
    await new Promise<void>((resume) => {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        resume();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  };
}

/** Writes one line; resolves when the client can take more, or at once when it has gone. */
export type LineWriter = (line: unknown) => Promise<void>;

export function ndjsonWriter(res: Response): LineWriter {
  const write = chunkWriter(res);
  return (line) => write(`${JSON.stringify(line)}\n`);
}

export interface BufferedWriter {
  /** Adds text; resolves when it is taken (the client may be slow to read a full chunk). */
  add(text: string): Promise<void>;
  /** Writes what is left and ends the answer. */
  end(): void;
}

/** UTF-8 takes at most 3 bytes per UTF-16 unit. */
const MAX_BYTES_PER_UNIT = 3;

/**
 * An answer written in chunks of about `chunkBytes`, each piece of text encoded to UTF-8
 * into the chunk as it is added. Building the chunk as a string and encoding it whole
 * cost as much again as the encoding: a long concatenated string of Chinese text is
 * flattened, measured for the chunk header, then encoded (a third of a JSON batch's
 * writing time).
 */
export function bufferedWriter(res: Response, chunkBytes = 64 * 1024): BufferedWriter {
  const write = chunkWriter(res);
  const size = 2 * chunkBytes;
  let chunk = Buffer.allocUnsafe(size);
  let used = 0;
  const flush = async (): Promise<void> => {
    if (used === 0) return;
    // The written bytes are the socket's until sent: the next chunk gets a buffer of its own.
    const full = chunk.subarray(0, used);
    chunk = Buffer.allocUnsafe(size);
    used = 0;
    await write(full);
  };
  return {
    async add(text) {
      const most = text.length * MAX_BYTES_PER_UNIT;
      if (used + most > size) await flush();
      if (most > size) return write(Buffer.from(text, 'utf8'));
      used += chunk.write(text, used, 'utf8');
      if (used >= chunkBytes) await flush();
    },
    end() {
      res.end(chunk.subarray(0, used));
    },
  };
}

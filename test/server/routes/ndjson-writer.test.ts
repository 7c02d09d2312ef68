import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferedWriter, ndjsonWriter } from '../../../server/routes/ndjson-writer.js';

/** A response whose buffer is always full: each write waits for a 'drain' that comes on the next turn. */
function slowResponse() {
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    writableEnded: false,
    written: [] as string[],
    write(text: string) {
      res.written.push(text);
      setImmediate(() => res.emit('drain'));
      return false;
    },
  });
  return res;
}

describe('ndjsonWriter', () => {
  it('waits for each drain and leaves no listener behind, however many lines', async () => {
    const res = slowResponse();
    const write = ndjsonWriter(res as unknown as Response);
    for (let i = 0; i < 50; i++) await write({ line: i });
    expect(res.written).toHaveLength(50);
    expect(res.written[49]).toBe('{"line":49}\n');
    expect(res.listenerCount('drain')).toBe(0);
    expect(res.listenerCount('close')).toBe(0);
  });

  it('stops waiting when the client goes, and writes nothing more after', async () => {
    const res = slowResponse();
    res.write = () => false; // never drains
    const write = ndjsonWriter(res as unknown as Response);
    const waiting = write({ line: 1 });
    res.destroyed = true;
    res.emit('close');
    await waiting;
    await write({ line: 2 }); // resolves at once
    expect(res.listenerCount('close')).toBe(0);
  });
});

/** A response that keeps what is written and ended, draining on the next turn every other write. */
function recordingResponse() {
  let n = 0;
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    writableEnded: false,
    chunks: [] as Buffer[],
    ended: undefined as Buffer | undefined,
    write(chunk: Buffer) {
      res.chunks.push(chunk);
      if (n++ % 2 === 0) return true;
      setImmediate(() => res.emit('drain'));
      return false;
    },
    end(chunk: Buffer) {
      res.ended = chunk;
      res.writableEnded = true;
    },
  });
  return res;
}

describe('bufferedWriter', () => {
  it('writes the texts in order as UTF-8, whatever they hold and however long', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme', minLength: 50, maxLength: 400 })), { maxLength: 60 }), async (texts) => {
        const res = recordingResponse();
        const out = bufferedWriter(res as unknown as Response, 256);
        for (const t of texts) await out.add(t);
        out.end();
        expect(Buffer.concat([...res.chunks, res.ended as Buffer]).toString('utf8')).toBe(texts.join(''));
        // No empty writes (an empty chunk would end a chunked answer early for some clients).
        for (const c of res.chunks) expect(c.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('gathers small texts into chunks of the size asked for', async () => {
    const res = recordingResponse();
    const out = bufferedWriter(res as unknown as Response, 1024);
    for (let i = 0; i < 1000; i++) await out.add('工单,');
    out.end();
    expect(res.chunks.length).toBe(Math.floor((1000 * 7) / 1024));
    for (const c of res.chunks) expect(c.length).toBeGreaterThanOrEqual(1024);
  });

  it('never writes into a chunk already handed to the response', async () => {
    const res = recordingResponse();
    const out = bufferedWriter(res as unknown as Response, 16);
    await out.add('a'.repeat(20));
    const first = Buffer.from(res.chunks[0] as Buffer);
    await out.add('b'.repeat(20));
    out.end();
    expect(res.chunks[0]).toEqual(first);
  });
});

import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { describe, expect, it } from 'vitest';
import { ndjsonWriter } from '../../../server/routes/ndjson-writer.js';

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

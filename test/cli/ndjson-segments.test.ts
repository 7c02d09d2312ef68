import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linesOf, readSegment, segmentCount } from '../../cli/ndjson-segments.js';

const dir = mkdtempSync(join(tmpdir(), 'beacon-segments-'));

/** Every segment of the file read as a worker reads it, in order. */
function segmentsOf(bytes: Buffer, segmentBytes: number): Buffer[] {
  const file = join(dir, 'f.ndjson');
  writeFileSync(file, bytes);
  const fd = openSync(file, 'r');
  try {
    return Array.from({ length: segmentCount(bytes.length, segmentBytes) }, (_, k) => readSegment(fd, bytes.length, k * segmentBytes, (k + 1) * segmentBytes));
  } finally {
    closeSync(fd);
  }
}

describe('readSegment', () => {
  it('gives a line to the segment holding its first byte, read to its newline', () => {
    // Lines start at bytes 0, 4 and 9: "aaa\n", "bbbb\n", "cc".
    const parts = segmentsOf(Buffer.from('aaa\nbbbb\ncc'), 3);
    expect(parts.map((p) => p.toString())).toEqual(['aaa\n', 'bbbb\n', '', 'cc']);
  });

  it('gives nothing to a segment that lies inside one long line', () => {
    const parts = segmentsOf(Buffer.from(`${'x'.repeat(200_000)}\nshort\n`), 1000);
    expect(parts[0]?.length).toBe(200_001);
    expect(parts.slice(1).map((p) => p.toString()).join('')).toBe('short\n');
  });

  it('starts at the segment boundary when the byte before it is a newline', () => {
    expect(segmentsOf(Buffer.from('ab\ncd\n'), 3).map((p) => p.toString())).toEqual(['ab\n', 'cd\n']);
  });

  it('reads every line exactly once, in order, wherever the segments are cut', () => {
    const line = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('', '\r', '{"property": "锦绣"}\r'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), (lines, lastNewline, segmentBytes) => {
        const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n') + (lastNewline && lines.length > 0 ? '\n' : '');
        const bytes = Buffer.from(text);
        expect(Buffer.concat(segmentsOf(bytes, segmentBytes)).equals(bytes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('linesOf', () => {
  it('drops the \\r of CRLF line ends and keeps blank lines, so that line numbers hold', () => {
    expect(linesOf('a\r\n\r\nb\n')).toEqual(['a', '', 'b']);
    expect(linesOf('a\nb')).toEqual(['a', 'b']);
  });
});

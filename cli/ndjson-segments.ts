// An NDJSON file cut into byte segments, so that each simulation worker reads and
// parses its own part of the file. A line belongs to the segment that holds its first
// byte: a segment starting mid-line skips to the next line, and one whose last line runs
// past its end reads on to that line's newline. Segments can therefore be cut at any
// byte and every line is still read exactly once.
import { readSync } from 'node:fs';

const NEWLINE = 10;
const TAIL_BYTES = 1 << 16;
const NOTHING = Buffer.alloc(0);

/** Reads until `length` bytes or the end of the file; returns how many were read. */
function readAt(fd: number, into: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

export function segmentCount(size: number, segmentBytes: number): number {
  return Math.ceil(size / segmentBytes);
}

/**
 * The bytes of the lines that start in [start, end) of the file (of `size` bytes),
 * the last one read to its newline (included) or to the end of the file.
 */
export function readSegment(fd: number, size: number, start: number, end: number): Buffer {
  const stop = Math.min(end, size);
  if (start >= stop) return NOTHING;
  // One byte before the segment says whether a line starts right at `start`.
  const from = start > 0 ? start - 1 : 0;
  const head = Buffer.allocUnsafe(stop - from);
  const read = readAt(fd, head, head.length, from);
  let first = 0;
  if (start > 0) {
    const nl = head.indexOf(NEWLINE);
    if (nl < 0 || nl >= read - 1) return NOTHING; // no line starts inside this segment
    first = nl + 1;
  }
  if (read === 0 || head[read - 1] === NEWLINE || from + read >= size) return head.subarray(first, read);
  const parts = [head.subarray(first, read)];
  for (let position = from + read; ; ) {
    const tail = Buffer.allocUnsafe(TAIL_BYTES);
    const n = readAt(fd, tail, TAIL_BYTES, position);
    const nl = tail.subarray(0, n).indexOf(NEWLINE);
    if (nl >= 0) {
      parts.push(tail.subarray(0, nl + 1));
      break;
    }
    parts.push(tail.subarray(0, n));
    position += n;
    if (n < TAIL_BYTES) break;
  }
  return Buffer.concat(parts);
}

/** The lines of a segment's text (a trailing \r dropped), blank ones included so that line numbers hold. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

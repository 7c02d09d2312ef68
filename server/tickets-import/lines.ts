// Reading a request body as text, one line or record at a time, as the chunks arrive:
// shared by the NDJSON batch evaluation and the ticket import. Nothing holds more than
// the line being read, and a line longer than the limit ends the reading (the caller
// answers it; a stream without a bound would let one line take the memory).
import { StringDecoder } from 'node:string_decoder';
import { CsvReader, type CsvRecord } from './csv.js';

/** The longest line or record accepted (one ticket): as the single-ticket JSON limit. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A line past the limit: reading stops there. */
export interface TooLong {
  tooLong: true;
  /** The line it began on. */
  line: number;
}

export interface TextLine {
  tooLong?: undefined;
  /** 1-based. */
  line: number;
  /** Without its line break (a CR before the LF goes too). */
  text: string;
}

/** The lines of a UTF-8 body, numbered; ends with a TooLong when one is longer than `maxBytes`. */
export async function* textLines(chunks: AsyncIterable<Buffer>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<TextLine | TooLong> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    pending += decoder.write(chunk);
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      line++;
      if (Buffer.byteLength(text) > maxBytes) {
        yield { tooLong: true, line };
        return;
      }
      yield { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
    if (Buffer.byteLength(pending) > maxBytes) {
      yield { tooLong: true, line: line + 1 };
      return;
    }
  }
  pending += decoder.end();
  // A body ending with a line break has no last line to read.
  if (pending !== '') yield { line: line + 1, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
}

export type CsvItem = (CsvRecord & { tooLong?: undefined }) | TooLong;

/** The CSV records of a UTF-8 body (a leading BOM skipped); ends with a TooLong when one is longer than `maxBytes`. */
export async function* csvRecords(chunks: AsyncIterable<Buffer>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<CsvItem> {
  const decoder = new StringDecoder('utf8');
  const reader = new CsvReader(maxBytes);
  for await (const chunk of chunks) {
    yield* reader.write(decoder.write(chunk));
    if (reader.overflowed) {
      yield { tooLong: true, line: reader.currentLine };
      return;
    }
  }
  // The decoder's held-back bytes of an unfinished character, if the body ended in one.
  yield* reader.write(decoder.end());
  if (reader.overflowed) {
    yield { tooLong: true, line: reader.currentLine };
    return;
  }
  yield* reader.end();
}

// A streaming CSV reader (RFC 4180): text goes in chunk by chunk, whole records come out
// with the lines they span, so nothing holds more than the record being read. Written
// here rather than taken from a library because the import needs exactly this much
// (comma, double quotes, CRLF or LF, a BOM) plus two things libraries rarely give
// together: the line each record began on, and a bound on one record's size.

export interface CsvRecord {
  /** The 1-based line the record begins on. */
  line: number;
  /** The line it ends on: a quoted field with newlines spans several. */
  endLine: number;
  cells: string[];
  /** A quoting mistake; `cells` are then the reader's best reading of the record. */
  error?: string;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Where the reader is: before a field's first character, inside an unquoted or quoted field, or just after a quote inside a quoted one (it closes the field or, doubled, is a quote). */
type State = 'start' | 'plain' | 'quoted' | 'quote';

/** UTF-8 bytes of one UTF-16 code unit (a surrogate pair counts 2 + 2). */
function utf8Bytes(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
}

export class CsvReader {
  private state: State = 'start';
  private cells: string[] = [];
  private field = '';
  private error: string | undefined;
  /** The record has begun: a blank line is a record of one empty cell, the end of the text is not. */
  private begun = false;
  private line = 1;
  private recordLine = 1;
  private prevCr = false;
  private first = true;
  private bytes = 0;
  /** Set when the record being read grew past maxRecordBytes; the reader reads nothing more. */
  overflowed = false;

  constructor(private readonly maxRecordBytes = Number.POSITIVE_INFINITY) {}

  /** The line the record being read began on (the one an overflow names). */
  get currentLine(): number {
    return this.recordLine;
  }

  /** Reads a chunk; returns the records it completed. */
  write(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.overflowed) return out;
    let i = 0;
    // A byte order mark is the encoding's, not the first header's name.
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const wasCr = this.prevCr;
      this.prevCr = code === CR;
      if (!this.begun) {
        // The LF of a CRLF belongs to the line break that ended the previous record.
        if (code === LF && wasCr) continue;
        this.begun = true;
        this.recordLine = this.line;
      }
      this.bytes += utf8Bytes(code);
      if (this.bytes > this.maxRecordBytes) {
        this.overflowed = true;
        return out;
      }
      if (this.state === 'quoted') {
        if (code === QUOTE) this.state = 'quote';
        else this.field += text[i];
        if (code === CR || (code === LF && !wasCr)) this.line++;
        continue;
      }
      if (code === COMMA) {
        this.endField();
      } else if (code === CR || code === LF) {
        out.push(this.endRecord());
        this.line++;
      } else if (code === QUOTE && this.state === 'start') {
        this.state = 'quoted';
      } else if (code === QUOTE && this.state === 'quote') {
        this.field += '"';
        this.state = 'quoted';
      } else {
        if (this.state === 'quote') this.error ??= `Text follows the closing quote of cell ${this.cells.length + 1}; quote the whole cell and double the quotes inside it.`;
        else if (code === QUOTE) this.error ??= `Cell ${this.cells.length + 1} has a quote but does not begin with one; quote the whole cell and double the quotes inside it.`;
        this.field += text[i];
        this.state = 'plain';
      }
    }
    return out;
  }

  /** The end of the text: the last record when it had no line break after it. */
  end(): CsvRecord[] {
    if (this.overflowed || !this.begun) return [];
    if (this.state === 'quoted') this.error ??= `Cell ${this.cells.length + 1} opens a quote that is never closed.`;
    return [this.endRecord()];
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = '';
    this.state = 'start';
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record: CsvRecord = { line: this.recordLine, endLine: this.line, cells: this.cells };
    if (this.error !== undefined) record.error = this.error;
    this.cells = [];
    this.error = undefined;
    this.begun = false;
    this.bytes = 0;
    return record;
  }
}

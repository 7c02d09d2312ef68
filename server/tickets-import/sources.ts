// An import's body as rows, whatever its format: NDJSON (one ticket per line) or CSV (a
// header, then one ticket per row). A row carries the ticket to judge, or the mistakes
// that kept it from being read; blank lines are rows too, so the line count stays true.
import { InvalidRequestError, PayloadTooLargeError } from '../errors.js';
import type { ErrorItem } from '../schemas/index.js';
import { NOT_JSON } from '../errors.js';
import { CSV_ROW, readHeader, rowTicket } from './csv-tickets.js';
import type { RowHooks } from './importer.js';
import { csvRecords, MAX_LINE_BYTES, textLines, type TooLong } from './lines.js';

export interface Row {
  tooLong?: undefined;
  /** The 1-based line the row begins on, and the one it ends on. */
  line: number;
  endLine: number;
  /** Nothing to import: an empty line. */
  blank?: boolean;
  /** The ticket to judge; absent when `errors` say why the row could not be read. */
  candidate?: unknown;
  errors?: ErrorItem[];
  /** The row's ticket id, when it could be read though the row could not. */
  ticketId?: string;
  hooks?: RowHooks;
}

export type SourceItem = Row | TooLong;

export async function* ndjsonRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<SourceItem> {
  for await (const item of textLines(chunks)) {
    if (item.tooLong) {
      yield item;
      return;
    }
    const { line, text } = item;
    if (text.trim() === '') {
      yield { line, endLine: line, blank: true };
      continue;
    }
    try {
      yield { line, endLine: line, candidate: JSON.parse(text) as unknown };
    } catch (e) {
      yield { line, endLine: line, errors: [{ pointer: '', code: NOT_JSON, message: `Line ${line} is not JSON: ${(e as Error).message}` }] };
    }
  }
}

/**
 * Reads the CSV header before anything is answered, so a header that cannot be imported
 * refuses the request (400 naming each column, 413 for a header past the line limit)
 * instead of rejecting every row; then the rows.
 */
export async function csvRows(chunks: AsyncIterable<Buffer>): Promise<AsyncGenerator<SourceItem>> {
  const records = csvRecords(chunks);
  const first = await records.next();
  if (first.done) throw new InvalidRequestError('The CSV is empty; it needs a header row naming its columns.', [{ pointer: '', code: CSV_ROW, message: 'The CSV has no header row.' }]);
  const header = first.value;
  if (header.tooLong) throw new PayloadTooLargeError(`The CSV header is longer than ${MAX_LINE_BYTES} bytes.`);
  const read = header.error === undefined ? readHeader(header.cells) : { errors: [{ pointer: '', code: CSV_ROW, message: `The header row: ${header.error}` }] };
  if (read.errors) throw new InvalidRequestError(`The CSV header has ${read.errors.length} mistake${read.errors.length === 1 ? '' : 's'}; nothing was imported. Each is listed in errors, its pointer the column.`, read.errors);
  const { layout } = read;
  const width = header.cells.length;

  return (async function* rows(): AsyncGenerator<SourceItem> {
    yield { line: header.line, endLine: header.endLine, blank: true };
    for await (const record of records) {
      if (record.tooLong) {
        yield record;
        return;
      }
      const { line, endLine, cells } = record;
      if (record.error === undefined && cells.every((c) => c.trim() === '')) {
        yield { line, endLine, blank: true };
      } else if (record.error !== undefined || cells.length !== width) {
        const message = record.error ?? `Row at line ${line} has ${cells.length} cell${cells.length === 1 ? '' : 's'}; the header has ${width}.`;
        yield { line, endLine, errors: [{ pointer: '', code: CSV_ROW, message }] };
      } else {
        const read = rowTicket(layout, cells);
        if (!read.ticket) yield { line, endLine, errors: read.errors, ...(read.ticketId === undefined ? {} : { ticketId: read.ticketId }) };
        else yield { line, endLine, candidate: read.ticket, hooks: { extra: read.attributeErrors, toSource: read.toColumns } };
      }
    }
  })();
}

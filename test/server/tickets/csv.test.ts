import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from '../../../server/tickets-import/csv.js';
import { readHeader, rowTicket, type CsvLayout } from '../../../server/tickets-import/csv-tickets.js';

/** Reads `text` in the given pieces. */
function read(pieces: string[], maxBytes?: number): { records: CsvRecord[]; reader: CsvReader } {
  const reader = new CsvReader(maxBytes);
  const records = pieces.flatMap((p) => reader.write(p));
  return { records: [...records, ...reader.end()], reader };
}
const cellsOf = (text: string): string[][] => read([text]).records.map((r) => r.cells);

/** RFC 4180 writing: a cell with a comma, quote or line break is quoted, its quotes doubled; a row of one empty cell is `""` (else it would be a blank line). */
function writeCsv(table: string[][], newline: string): string {
  const cell = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return table.map((row) => (row.length === 1 && row[0] === '' ? '""' : row.map(cell).join(','))).join(newline) + newline;
}

/** `text` cut at the given offsets. */
function cut(text: string, offsets: number[]): string[] {
  const at = [...new Set(offsets.map((o) => o % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
}

describe('CsvReader', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(cellsOf('a,"b,c","say ""hi""","two\nlines"\r\nx,,z\n')).toEqual([
      ['a', 'b,c', 'say "hi"', 'two\nlines'],
      ['x', '', 'z'],
    ]);
  });

  it('gives each record the line it begins and ends on, counting quoted line breaks and CRLF once', () => {
    const { records } = read(['h1,h2\r\n', '"a\r\nb",c\r\n', '\r\nd,e']);
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 1],
      [2, 3],
      [4, 4],
      [5, 5],
    ]);
    expect(records[2]!.cells).toEqual(['']);
  });

  it('skips a BOM, takes a last row without a line break, and a CR split from its LF across chunks', () => {
    expect(read(['\uFEFFid,x\r', '\n1,2']).records.map((r) => r.cells)).toEqual([
      ['id', 'x'],
      ['1', '2'],
    ]);
  });

  it('reports quoting mistakes on the record, keeping its best reading', () => {
    const [stray, after, open] = [cellsOf('a,b"c\n'), read(['"a"b,c\n']).records[0]!, read(['x,"never closed']).records[0]!];
    expect(stray).toEqual([['a', 'b"c']]);
    expect(read(['a,b"c\n']).records[0]!.error).toMatch(/cell 2 has a quote/i);
    expect(after.error).toMatch(/follows the closing quote of cell 1/);
    expect(open.error).toMatch(/never closed/);
  });

  it('stops at a record longer than the limit, naming the line it began on', () => {
    const { records, reader } = read(['a,b\n', `"${'x'.repeat(50)}\n`, 'y'.repeat(50)], 64);
    expect(records.map((r) => r.cells)).toEqual([['a', 'b']]);
    expect(reader.overflowed).toBe(true);
    expect(reader.currentLine).toBe(2);
  });

  it('reads back any table written with quoting, however the text is cut into chunks', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', '中', '😀', ',', '"', '\r', '\n', ' ', '\uFEFF'), maxLength: 8 });
    const table = fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.array(fc.nat(), { maxLength: 10 }), (rows, newline, offsets) => {
        // A BOM first would be taken as the encoding's: write one, as an export would.
        const csv = `\uFEFF${writeCsv(rows, newline)}`;
        const { records } = read(cut(csv, offsets));
        expect(records.map((r) => r.cells)).toEqual(rows);
        expect(records.every((r) => r.error === undefined)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readHeader', () => {
  it('takes the ticket fields, event:, events and attr: columns', () => {
    const read = readHeader(['id', 'property', 'unit', 'category', 'priority', 'createdAt', ' household ', 'repeatCount', 'flags', 'event:dispatched', 'events', 'attr:matter']);
    expect(read.errors).toBeUndefined();
  });

  it('names every unknown, repeated, unnamed and missing column, with help', () => {
    const read = readHeader(['id', 'Property', 'unit', 'unit', 'category', 'priorty', '', 'attr:kind']);
    expect(read.errors?.map((e) => [e.pointer, e.code])).toEqual([
      ['/Property', 'H110'],
      ['/unit', 'H110'],
      ['/priorty', 'H110'],
      ['', 'H110'],
      ['/attr:kind', 'H110'],
      ['/property', 'H110'],
      ['/priority', 'H110'],
      ['/createdAt', 'H110'],
    ]);
    expect(read.errors?.[0]?.help).toBe("Did you mean 'property'?");
    expect(read.errors?.[2]?.help).toMatch(/^Allowed: id, property, .*event:<event type>/);
  });
});

describe('rowTicket', () => {
  const header = ['id', 'property', 'unit', 'category', 'priority', 'createdAt', 'repeatCount', 'flags', 'event:received', 'event:dispatched', 'events', 'attr:matter', 'household'];
  const layout = (readHeader(header) as { layout: CsvLayout }).layout;
  const row = (over: Record<string, string>): string[] => header.map((h) => over[h] ?? '');
  const base = { id: 'T1', property: 'p', unit: 'p/u', category: 'c', priority: 'urgent', createdAt: '2026-03-02T08:00:00+08:00' };

  it('makes the ticket: empty cells absent, counts as numbers, flags split on ;, events in time order', () => {
    const read = rowTicket(
      layout,
      row({ ...base, repeatCount: '2', flags: 'media_risk; multi_day', 'event:received': ' 2026-03-02T08:00:00+08:00 ', 'event:dispatched': '2026-03-02T08:10:00+08:00', events: '[{"type":"paused","at":"2026-03-02T08:05:00+08:00","note":"waiting"}]', 'attr:matter': 'lift' }),
    );
    expect(read.errors).toEqual([]);
    expect(read.ticket).toEqual({
      ...base,
      repeatCount: 2,
      flags: ['media_risk', 'multi_day'],
      matter: 'lift',
      events: [
        { type: 'received', at: '2026-03-02T08:00:00+08:00' },
        { type: 'paused', at: '2026-03-02T08:05:00+08:00', note: 'waiting' },
        { type: 'dispatched', at: '2026-03-02T08:10:00+08:00' },
      ],
    });
  });

  it('points a ticket mistake back at its column, in the pointer and the message', () => {
    const read = rowTicket(layout, row({ ...base, 'event:dispatched': '2026-03-02T08:10:00+08:00', events: '[{"type":"paused","at":"soon"}]', 'attr:matter': 'lift' }));
    const mapped = read.toColumns([
      { pointer: '/events/0/at', code: 'E201', message: '/events/0/at must be an instant.' },
      { pointer: '/events/1/at', code: 'E201', message: '/events/1/at must be an instant.' },
      { pointer: '/matter', code: 'E204', message: "/matter 'lift' is not a matter value of this policy." },
      { pointer: '/flags/1', code: 'E206', message: 'x' },
    ]);
    expect(mapped.map((e) => e.pointer)).toEqual(['/event:dispatched', '/events/0/at', '/attr:matter', '/flags']);
    expect(mapped[0]!.message).toBe('/event:dispatched must be an instant.');
  });

  it('reads deadline:<name> columns into the ticket\'s deadlines and points their mistakes back at the column; no plain deadlines column', () => {
    const withDeadline = [...header, 'deadline:plan_completion'];
    const l = (readHeader(withDeadline) as { layout: CsvLayout }).layout;
    const cells = withDeadline.map((h) => ({ ...base, 'deadline:plan_completion': ' 2026-03-05T17:00:00+08:00 ' } as Record<string, string>)[h] ?? '');
    const read = rowTicket(l, cells);
    expect(read.ticket?.['deadlines']).toEqual({ plan_completion: '2026-03-05T17:00:00+08:00' });
    const mapped = read.toColumns([{ pointer: '/deadlines/plan_completion', code: 'E320', message: "/deadlines/plan_completion 'plan_completion' is not a deadline of this policy." }]);
    expect(mapped[0]).toMatchObject({ pointer: '/deadline:plan_completion', message: "/deadline:plan_completion 'plan_completion' is not a deadline of this policy." });
    expect(readHeader([...header, 'deadlines']).errors?.[0]).toMatchObject({ pointer: '/deadlines', code: 'H110' });
  });

  it('names an events cell that is not a JSON list', () => {
    expect(rowTicket(layout, row({ ...base, events: '[{' })).errors).toEqual([expect.objectContaining({ pointer: '/events', code: 'H100' })]);
    expect(rowTicket(layout, row({ ...base, events: '{}' })).errors).toEqual([expect.objectContaining({ pointer: '/events', code: 'H100' })]);
  });
});

// CSV answers (RFC 4180) that Excel opens as they are: UTF-8 with a byte-order mark (else
// Excel reads Chinese as the system code page), CRLF line ends, a header row, and a field
// quoted when it holds a comma, a quote or a line break. A text cell that begins like a
// formula (= + - @, tab, CR) is prefixed with ' so a spreadsheet shows it rather than
// running it (OWASP's CSV injection advice); numbers are written as they are.
import type { Response } from 'express';

export type CsvCell = string | number | null;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The document: header, then rows, each line ended by CRLF, the BOM first. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export function sendCsv(res: Response, filename: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8; header=present');
  res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  res.send(Buffer.from(csvText(header, rows), 'utf8'));
}

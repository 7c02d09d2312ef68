// Text edits as Monaco takes them: 1-based lines and columns (UTF-16 code
// units, as JavaScript strings and the grammar's ranges count), end exclusive.
// The form produces them; the page hands them to <beacon-editor>.applyEdits
// as one undo step, so the same shape is applied here for tests and checks.
import type { Position, Range } from '../../../grammar/index.js';

export interface Edit {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/** Replaces the text of a range of the source. */
export function replaceRange(range: Range, text: string): Edit {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column, text };
}

/** Inserts text at a position. */
export function insertAt(at: Pick<Position, 'line' | 'column'>, text: string): Edit {
  return { startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column, text };
}

/** Offsets of the start of each line, with the same line breaks as grammar's SourceText (\n, \r\n, lone \r). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function offsetOf(starts: readonly number[], text: string, line: number, column: number): number {
  const start = starts[line - 1];
  if (start === undefined) return text.length;
  return Math.min(start + column - 1, text.length);
}

/**
 * The text after the edits, applied as Monaco applies one batch: every range
 * refers to the original text, and the ranges do not overlap.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ from: offsetOf(starts, text, e.startLine, e.startColumn), to: offsetOf(starts, text, e.endLine, e.endColumn), text: e.text }))
    .sort((a, b) => b.from - a.from);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}

/** The line break the file already uses, so inserted lines match it. */
export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

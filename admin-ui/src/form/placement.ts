// Where new lines go when the form has to say something the file does not say
// yet (an override of an inherited value), written as the formatter would
// print it: two-space indentation, one item per line, block declarations set
// off by a blank line. Nothing already in the file is rewritten or moved.
import { displayWidth, type Declaration, type Range } from '../../../grammar/index.js';
import type { ModuleFile } from '../../../engine/index.js';
import { insertAt, lineBreakOf, type Edit } from './edits.js';

export const INDENT = '  ';
/** The formatter wraps a line wider than this (grammar/format/layout.ts MAX_WIDTH). */
export const MAX_WIDTH = 100;

export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function lineOf(file: ModuleFile, line: number): string {
  return file.parsed.source.line(line);
}

export function indentOf(file: ModuleFile, line: number): string {
  return /^[ \t]*/.exec(lineOf(file, line))?.[0] ?? '';
}

/** Only white space or a comment follows the range on its last line. */
function endsItsLine(file: ModuleFile, range: Range): boolean {
  const rest = lineOf(file, range.end.line).slice(range.end.column - 1).trim();
  return rest === '' || rest.startsWith('//');
}

function endOfLine(file: ModuleFile, line: number): { line: number; column: number } {
  return { line, column: lineOf(file, line).length + 1 };
}

function isOwnLineComment(file: ModuleFile, line: number): boolean {
  return lineOf(file, line).trim().startsWith('//');
}

/**
 * The last line of the paragraph a node ends: own-line comments right under it
 * stay with it when a blank line (or the end of the file) follows them; comments
 * that lead straight into the next declaration belong to that one.
 */
function paragraphEnd(file: ModuleFile, line: number): number {
  let last = line;
  while (last + 1 <= file.parsed.source.lineCount && isOwnLineComment(file, last + 1)) last++;
  const next = last + 1;
  const closes = next > file.parsed.source.lineCount || lineOf(file, next).trim() === '';
  return closes ? last : line;
}

/**
 * Lines inserted after a top-level node (or after the header when `anchor` is
 * undefined); with `blankBefore` they start a new paragraph, after any comment
 * lines that close the anchor's.
 */
export function insertTopLevel(file: ModuleFile, anchor: Range | undefined, lines: readonly string[], blankBefore: boolean): Edit {
  const nl = lineBreakOf(file.parsed.source.text);
  const after = anchor ?? file.module.header.range;
  const body = lines.join(nl);
  if (!endsItsLine(file, after)) return insertAt(after.end, `${nl}${blankBefore ? nl : ''}${body}${nl}`);
  const line = blankBefore ? paragraphEnd(file, after.end.line) : after.end.line;
  // A new paragraph is set off after as well as before, when something follows straight on.
  const next = line + 1 <= file.parsed.source.lineCount ? lineOf(file, line + 1).trim() : '';
  const blankAfter = blankBefore && next !== '' ? nl : '';
  return insertAt(endOfLine(file, line), `${nl}${blankBefore ? nl : ''}${body}${blankAfter}`);
}

/**
 * Appends to a block (a table's rows, a clock's items): on a line of its own
 * under the last one, at its indentation, when the block spans lines; else
 * inline after the last one (`, ` between rows, a space between items), or
 * just inside the `}` of an empty block.
 */
export function appendToBlock(file: ModuleFile, block: Range, last: Range | undefined, lines: readonly string[], inline: string, separator: string): Edit {
  const nl = lineBreakOf(file.parsed.source.text);
  if (last && block.end.line > last.end.line && endsItsLine(file, last)) {
    const lineIndent = indentOf(file, last.start.line);
    const indent = lineIndent.length === last.start.column - 1 ? lineIndent : indentOf(file, block.start.line) + INDENT;
    return insertAt(endOfLine(file, last.end.line), lines.map((l) => nl + indent + l).join(''));
  }
  if (last) return insertAt(last.end, `${separator}${inline}`);
  return insertAt({ line: block.end.line, column: block.end.column - 1 }, ` ${inline} `);
}

// The order a policy file reads in (the shipped group's): what comes before each kind.
const READING_ORDER: ReadonlyArray<Declaration['kind']> = ['Use', 'Zone', 'Calendar', 'Enum', 'Attribute', 'Param', 'Clock', 'Warning', 'Penalties', 'Compliance', 'Test'];

/** The node a new declaration of `kind` goes after: the last of its kind, else the last of a kind that reads before it, else the header. */
export function anchorFor(file: ModuleFile, kind: Declaration['kind']): { range: Range | undefined; sameKind: boolean } {
  const decls = file.module.declarations;
  const own = decls.filter((d) => d.kind === kind);
  if (own.length > 0) return { range: (own[own.length - 1] as Declaration).range, sameKind: true };
  const before = new Set(READING_ORDER.slice(0, READING_ORDER.indexOf(kind)));
  const earlier = decls.filter((d) => before.has(d.kind));
  return { range: earlier[earlier.length - 1]?.range, sameKind: false };
}

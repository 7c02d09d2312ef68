// The layout tree the printer builds from the AST, and its rendering to text.
// A node is a leaf (one line, or a long condition wrapped over several) or a
// `head { ... }` block; comments.ts hangs the source's comments on it and
// spacing.ts decides where blank lines go before rendering.
import { displayWidth, padToWidth } from './text-width.js';

/** Where a node came from: offsets (end exclusive) and 1-based lines. */
export interface Origin {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
}

/** Comments that comments.ts attaches to a node. */
interface Attached {
  /** Comments from between the node's own tokens, printed on their own lines just above it. */
  moved: string[];
  /** The comment that ended the node's last source line, printed after it. */
  trailing?: string;
}

export interface Leaf extends Attached {
  type: 'leaf';
  origin: Origin;
  text: string;
  /** The same item over several lines, used when `text` is wider than MAX_WIDTH. */
  wrapped?: string[];
}

export interface Block extends Attached {
  type: 'block';
  origin: Origin;
  /** `clock contact "联系报事人"`: everything before the `{`. */
  head: string;
  /** Offset just after the last token of the head, and its line. */
  headEnd: number;
  headEndLine: number;
  /** The comment after the `{` on the head's line. */
  headTrailing?: string;
  children: LayoutNode[];
  /** Children and own-line comments in source order; filled by comments.ts. */
  entries: Entry[];
}

export type LayoutNode = Leaf | Block;

/** The whole file: the header and the declarations, without braces. */
export interface Root {
  children: LayoutNode[];
  entries: Entry[];
}

export type Entry =
  | { type: 'comment'; text: string; line: number; blankBefore: boolean }
  | { type: 'node'; node: LayoutNode; blankBefore: boolean };

export const INDENT = '  ';
/** Continuation lines of a wrapped leaf (`or ...`) are indented one step further. */
export const CONTINUATION = INDENT;
/** Lines wider than this (in display columns) are wrapped where the leaf allows. */
export const MAX_WIDTH = 100;
/** At least this between code and a comment at the end of its line. */
export const TRAILING_GAP = '  ';

export function leaf(origin: Origin, text: string, wrapped?: string[]): Leaf {
  const node: Leaf = { type: 'leaf', origin, text, moved: [] };
  if (wrapped && wrapped.length > 1) node.wrapped = wrapped;
  return node;
}

export function block(origin: Origin, head: string, headEnd: number, headEndLine: number, children: LayoutNode[]): Block {
  return { type: 'block', origin, head, headEnd, headEndLine, children, entries: [], moved: [] };
}

/** The lines of a leaf at this indentation, continuation lines included. */
function leafLines(node: Leaf, indent: string): string[] {
  const line = indent + node.text;
  if (!node.wrapped || displayWidth(line) <= MAX_WIDTH) return [line];
  return node.wrapped.map((text, i) => (i === 0 ? indent : indent + CONTINUATION) + text);
}

function withComment(code: string, comment: string | undefined, column = 0): string {
  return comment === undefined ? code : `${padToWidth(code, column - TRAILING_GAP.length)}${TRAILING_GAP}${comment}`;
}

/** A one-line leaf, whose trailing comment may line up with its neighbours'. */
function oneLine(entry: Entry | undefined, indent: string): string | undefined {
  if (entry?.type !== 'node' || entry.node.type !== 'leaf') return undefined;
  const lines = leafLines(entry.node, indent);
  return lines.length === 1 ? lines[0] : undefined;
}

/**
 * The column of each entry's trailing comment. Consecutive one-line entries
 * (no blank line, no comment line between them) share one column, two spaces
 * after the longest commented line, as writers line them up by hand.
 */
function commentColumns(entries: readonly Entry[], indent: string): number[] {
  const columns: number[] = [];
  let runStart = 0;
  const closeRun = (end: number): void => {
    let column = 0;
    for (let i = runStart; i < end; i++) {
      const entry = entries[i] as Entry;
      const line = oneLine(entry, indent);
      if (line !== undefined && entry.type === 'node' && entry.node.trailing !== undefined) {
        column = Math.max(column, displayWidth(line) + TRAILING_GAP.length);
      }
    }
    for (let i = runStart; i < end; i++) columns[i] = column;
    runStart = end;
  };
  entries.forEach((entry, i) => {
    const continues =
      i > 0 &&
      oneLine(entries[i - 1], indent) !== undefined &&
      oneLine(entry, indent) !== undefined &&
      entry.type === 'node' &&
      entry.node.moved.length === 0 &&
      !entry.blankBefore;
    if (i > 0 && !continues) closeRun(i);
  });
  closeRun(entries.length);
  return columns;
}

function renderEntries(entries: Entry[], indent: string, out: string[]): void {
  const columns = commentColumns(entries, indent);
  entries.forEach((entry, i) => {
    if (i > 0 && entry.blankBefore) out.push('');
    if (entry.type === 'comment') out.push(indent + entry.text);
    else renderNode(entry.node, indent, out, columns[i] ?? 0);
  });
}

function renderNode(node: LayoutNode, indent: string, out: string[], column: number): void {
  for (const comment of node.moved) out.push(indent + comment);
  if (node.type === 'leaf') {
    const lines = leafLines(node, indent);
    const last = lines.pop() as string;
    out.push(...lines, withComment(last, node.trailing, column));
    return;
  }
  if (node.entries.length === 0 && node.headTrailing === undefined) {
    out.push(withComment(`${indent}${node.head} {}`, node.trailing));
    return;
  }
  out.push(withComment(`${indent}${node.head} {`, node.headTrailing));
  renderEntries(node.entries, indent + INDENT, out);
  out.push(withComment(`${indent}}`, node.trailing));
}

/** The file's text: one item per line, LF line ends, one final newline. */
export function render(root: Root): string {
  const out: string[] = [];
  renderEntries(root.entries, '', out);
  return `${out.join('\n')}\n`;
}

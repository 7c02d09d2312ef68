// Hangs every comment of the source on the layout tree, so none is lost or
// printed twice. A comment is, by where it stands in the source:
//   - on the line where a node ends           -> that node's trailing comment;
//   - on the line of a block's head, after it  -> the block's head comment (`{  // ...`),
//     and so is the comment after a block written on one line;
//   - on its own line between nodes           -> an entry of the enclosing block;
//   - between the tokens of a leaf or a head   -> moved above that node.
import type { IToken } from 'chevrotain';
import type { SourceText } from '../source-text.js';
import type { Block, Entry, LayoutNode, Root } from './layout.js';
import { markBlankLines } from './spacing.js';

export interface SourceComment {
  /** The comment as printed: its source text without trailing white space. */
  text: string;
  offset: number;
  line: number;
}

export function sourceComments(tokens: readonly IToken[], source: SourceText): SourceComment[] {
  return tokens
    .map((tok) => ({ text: tok.image.trimEnd(), offset: tok.startOffset, line: source.position(tok.startOffset).line }))
    .sort((a, b) => a.offset - b.offset);
}

/** Fills `entries` of the root and of every block, and the nodes' comment fields. */
export function attachComments(root: Root, comments: readonly SourceComment[]): void {
  distribute(root, comments);
}

function distribute(container: Root | Block, comments: readonly SourceComment[]): void {
  const entries: Entry[] = [];
  let next = 0;
  let previous: LayoutNode | undefined;

  const placeBetween = (c: SourceComment): void => {
    if (previous && previous.trailing === undefined && c.line === previous.origin.endLine) {
      if (writtenOnOneLine(previous, c.line)) previous.headTrailing = c.text;
      else previous.trailing = c.text;
    } else if (!previous && 'head' in container && container.headTrailing === undefined && c.line === container.headEndLine) {
      container.headTrailing = c.text;
    } else {
      entries.push({ type: 'comment', text: c.text, line: c.line, blankBefore: false });
    }
  };

  for (const child of container.children) {
    while (next < comments.length && (comments[next] as SourceComment).offset < child.origin.start) {
      placeBetween(comments[next++] as SourceComment);
    }
    const inside: SourceComment[] = [];
    while (next < comments.length && (comments[next] as SourceComment).offset < child.origin.end) {
      inside.push(comments[next++] as SourceComment);
    }
    entries.push({ type: 'node', node: child, blankBefore: false });
    placeInside(child, inside);
    previous = child;
  }
  while (next < comments.length) placeBetween(comments[next++] as SourceComment);

  markBlankLines(entries);
  container.entries = entries;
}

/**
 * A block written on one line (`tiers { a, b }  // ...`) prints on several: its
 * comment goes after the `{`, on the line that still holds the head.
 */
function writtenOnOneLine(node: LayoutNode, commentLine: number): node is Block {
  return node.type === 'block' && node.entries.length > 0 && node.headTrailing === undefined && commentLine === node.headEndLine;
}

function placeInside(node: LayoutNode, comments: SourceComment[]): void {
  if (node.type === 'leaf') {
    node.moved.push(...comments.map((c) => c.text));
    return;
  }
  const inHead = comments.filter((c) => c.offset < node.headEnd);
  node.moved.push(...inHead.map((c) => c.text));
  distribute(node, comments.filter((c) => c.offset >= node.headEnd));
}

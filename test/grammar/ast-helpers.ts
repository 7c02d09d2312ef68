// Helpers shared by the formatter tests. Written independently of
// grammar/format/verify.ts, so the tests do not trust the code they test.
import { parse } from '../../grammar/index.js';

/** The AST without positions: what a policy says, not where it says it. */
export function stripRanges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripRanges);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'range')
      .map(([key, value]) => [key, stripRanges(value)]),
  );
}

/** Comment texts as a sorted multiset; trailing white space is not part of a comment's text. */
export function commentTexts(text: string): string[] {
  return parse(text)
    .comments.map((c) => c.image.trimEnd())
    .sort();
}

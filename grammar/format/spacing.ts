// Where blank lines go. Inside a block, a blank line stands where the source
// had one or more (so writers keep their grouping); none opens or closes a
// block. At the top level a block declaration is always set off by a blank
// line, while one-line declarations keep the source's grouping.
import type { Entry, Root } from './layout.js';

function firstLine(entry: Entry): number {
  return entry.type === 'comment' ? entry.line : entry.node.origin.startLine;
}

function lastLine(entry: Entry): number {
  return entry.type === 'comment' ? entry.line : entry.node.origin.endLine;
}

/** A blank line before an entry when the source had at least one empty line before it. */
export function markBlankLines(entries: Entry[]): void {
  for (let i = 1; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    entry.blankBefore = firstLine(entry) - lastLine(entries[i - 1] as Entry) >= 2;
  }
}

/**
 * At least one blank line between two top-level declarations when either is
 * a block. When the source has none, it goes right after the earlier one, so
 * the comments just above the later one stay with it; when the source has
 * one among the comments between them, that one is enough.
 */
export function separateBlocks(root: Root): void {
  let previous = -1;
  root.entries.forEach((entry, i) => {
    if (entry.type !== 'node') return;
    const before = root.entries[previous];
    if (before?.type === 'node' && (before.node.type === 'block' || entry.node.type === 'block')) {
      const between = root.entries.slice(previous + 1, i + 1);
      if (!between.some((e) => e.blankBefore)) (between[0] as Entry).blankBefore = true;
    }
    previous = i;
  });
}

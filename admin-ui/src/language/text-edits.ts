// Applies editor-style edits (1-based, end exclusive, all positions in the text
// before any edit) to a string: what <beacon-editor> does before Monaco has
// loaded, and what tests use to check an edit's result.
import { offsetAt } from './positions.js';
import type { TextEdit } from './types.js';

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((e) => ({ start: offsetAt(text, e.startLine, e.startColumn), end: offsetAt(text, e.endLine, e.endColumn), text: e.text }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of resolved) {
    if (e.end > limit) throw new Error('applyTextEdits: edits overlap');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

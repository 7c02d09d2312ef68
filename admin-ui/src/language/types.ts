// Plain shapes the language services return: 1-based lines and columns, end
// exclusive, the same as Monaco's ranges and <beacon-editor>'s applyEdits, so the
// Monaco adapter only renames fields.
import type { Range } from '../../../grammar/index.js';

export interface EditorRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface TextEdit extends EditorRange {
  text: string;
}

/** Another file the policy builds on: its group, branch, or a calendar library. */
export interface RelatedFile {
  path: string;
  text: string;
}

export function editorRange(range: Range): EditorRange {
  return { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
}

// Format document with the grammar's formatter: one edit replacing the whole text,
// or none when the text has errors (broken code is never formatted).
import { format } from '../../../grammar/index.js';
import type { TextEdit } from './types.js';

export function formatEdits(text: string): TextEdit[] {
  const result = format(text);
  if (result.value === undefined || result.value === text) return [];
  const lines = text.split('\n');
  const lastLine = lines[lines.length - 1] ?? '';
  return [{ startLine: 1, startColumn: 1, endLine: lines.length, endColumn: lastLine.length + 1, text: result.value }];
}

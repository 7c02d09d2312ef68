import { describe, expect, it } from 'vitest';
import { format } from '../../../grammar/index.js';
import { formatEdits } from '../../../admin-ui/src/language/index.js';
import { GROUP } from './fixtures.js';

function apply(text: string, edits: ReturnType<typeof formatEdits>): string {
  if (edits.length === 0) return text;
  const e = edits[0]!;
  const lines = text.split('\n');
  const before = lines.slice(0, e.startLine - 1).join('\n');
  const lastLine = lines[e.endLine - 1] as string;
  expect(e.startColumn).toBe(1);
  expect(before).toBe('');
  return e.text + lastLine.slice(e.endColumn - 1) + lines.slice(e.endLine).join('\n');
}

describe('format document', () => {
  it("replaces the whole text with the grammar formatter's output", () => {
    const messy = GROUP.replace('tiers {', 'tiers   {').replace('  start accepted', 'start    accepted');
    const edits = formatEdits(messy);
    expect(edits).toHaveLength(1);
    expect(apply(messy, edits)).toBe(format(messy).value);
  });

  it('makes no edit on text with errors or text already formatted', () => {
    expect(formatEdits('group g\nclock {')).toEqual([]);
    const formatted = format(GROUP).value as string;
    expect(formatEdits(formatted)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../../admin-ui/src/language/index.js';

describe('applyTextEdits', () => {
  it('applies several edits, each positioned in the original text', () => {
    const text = 'clock contact {\n  target 1h\n}\n';
    const out = applyTextEdits(text, [
      { startLine: 1, startColumn: 7, endLine: 1, endColumn: 14, text: 'reply' },
      { startLine: 2, startColumn: 10, endLine: 2, endColumn: 12, text: '30m' },
    ]);
    expect(out).toBe('clock reply {\n  target 30m\n}\n');
  });

  it('inserts across lines and refuses overlapping edits', () => {
    expect(applyTextEdits('a\nb', [{ startLine: 1, startColumn: 2, endLine: 2, endColumn: 1, text: ' ' }])).toBe('a b');
    expect(() =>
      applyTextEdits('abcdef', [
        { startLine: 1, startColumn: 1, endLine: 1, endColumn: 4, text: 'x' },
        { startLine: 1, startColumn: 3, endLine: 1, endColumn: 5, text: 'y' },
      ]),
    ).toThrow(/overlap/);
  });
});

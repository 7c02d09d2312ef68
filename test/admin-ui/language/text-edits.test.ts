import fc from 'fast-check';
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

  it('replacing a range with its own text changes nothing (any range of any text)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', '中') }), fc.nat(), fc.nat(), (text, a, b) => {
        const [s, e] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
        const pos = (o: number) => {
          const before = text.slice(0, o);
          return { line: before.split('\n').length, column: o - before.lastIndexOf('\n') };
        };
        const start = pos(s);
        const end = pos(e);
        expect(applyTextEdits(text, [{ startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column, text: text.slice(s, e) }])).toBe(text);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextEdits } from '../../../admin-ui/src/language/index.js';

describe('applyTextEdits', () => {
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

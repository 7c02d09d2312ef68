// The re-apply after a 409: a three-way line merge that never loses a side's change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hunks, merge3, splitLines } from '../../../../admin-ui/src/app/policy/merge.js';

const apply = (base: string[], hs: ReturnType<typeof hunks>): string[] => {
  const out: string[] = [];
  let at = 0;
  for (const h of hs) {
    out.push(...base.slice(at, h.start), ...h.lines);
    at = h.end;
  }
  return [...out, ...base.slice(at)];
};
const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 12 });

describe('hunks', () => {
  it('turn a into b', () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        expect(apply(a, hunks(a, b))).toEqual(b);
      }),
    );
  });
});

describe('merge3', () => {
  const base = ['policy x', 'param a = 1h', 'param b = 2h', 'param c = 3h', 'end'].join('\n');

  it('keeps both edits when they change different lines', () => {
    const mine = base.replace('param a = 1h', 'param a = 90m');
    const theirs = base.replace('param c = 3h', 'param c = 4h');
    expect(merge3(base, mine, theirs)).toEqual({ ok: true, text: base.replace('param a = 1h', 'param a = 90m').replace('param c = 3h', 'param c = 4h') });
  });

  it('reports a conflict when both change the same line differently', () => {
    expect(merge3(base, base.replace('2h', '5h'), base.replace('2h', '6h'))).toEqual({ ok: false, conflicts: 1 });
  });

  it('applies the same change made on both sides once', () => {
    const both = base.replace('2h', '5h');
    expect(merge3(base, both, both)).toEqual({ ok: true, text: both });
  });

  it('gives mine when theirs is the base, and theirs when mine is', () => {
    fc.assert(
      fc.property(lines, lines, (b, m) => {
        const [bt, mt] = [b.join('\n'), m.join('\n')];
        expect(merge3(bt, mt, bt)).toEqual({ ok: true, text: mt });
        expect(merge3(bt, bt, mt)).toEqual({ ok: true, text: mt });
      }),
    );
  });

  it('when it merges, keeps every line either side added', () => {
    fc.assert(
      fc.property(lines, lines, lines, (b, m, t) => {
        const r = merge3(b.join('\n'), [...m, 'MINE'].join('\n'), ['THEIRS', ...t].join('\n'));
        if (r.ok) {
          expect(splitLines(r.text)).toContain('MINE');
          expect(splitLines(r.text)).toContain('THEIRS');
        }
      }),
    );
  });
});

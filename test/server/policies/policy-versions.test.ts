import { describe, expect, it } from 'vitest';
import { changedSections, diffLines, hunksOf, ownerOf } from '../../../server/policy-versions.js';

const base = 'property p extends g\nparam a = 1h\n\nclock c {\n  target {\n    x/y: 10m\n  }\n}\n';

describe('changedSections', () => {
  it('compares ASTs without ranges: comments and spacing are no change', () => {
    expect(changedSections(base, `// note\n${base.replace('param a = 1h', 'param a   =   1h  // same')}`)).toEqual([]);
  });

  it('names each changed section', () => {
    expect(changedSections(base, base.replace('10m', '15m'))).toEqual(['clock c']);
    expect(changedSections(base, `${base}penalties {\n  red 1 point\n}\n`)).toEqual(['penalties']);
    expect(changedSections(undefined, base)).toEqual(['clock c', 'header', 'param a']);
    expect(['penalties', 'compliance', 'warning red', 'clock c', 'param a', 'test "t"'].map(ownerOf)).toEqual(['quality', 'quality', 'quality', 'manager', 'manager', 'anyone']);
  });
});

describe('diffLines and hunksOf', () => {
  it('aligns by longest common subsequence and keeps 3 lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9', '10', '11'];
    const lines = diffLines(a, b);
    expect(lines.filter((l) => l.op !== ' ')).toEqual([
      { op: '-', line: '5' },
      { op: '+', line: 'five' },
      { op: '+', line: '11' },
    ]);
    // Changes 6 unchanged lines apart or less share a hunk.
    expect(hunksOf(lines)).toMatchObject([{ oldStart: 2, oldLines: 9, newStart: 2, newLines: 10 }]);
    const far = [...a, ...a.map((x) => `${x}'`)];
    const hunks = hunksOf(diffLines(far, far.map((x) => (x === '2' || x === "9'" ? `${x}!` : x))));
    expect(hunks).toMatchObject([
      { oldStart: 1, oldLines: 5, newStart: 1, newLines: 5 },
      { oldStart: 16, oldLines: 5, newStart: 16, newLines: 5 },
    ]);
    expect(hunksOf(diffLines(a, a))).toEqual([]);
  });
});

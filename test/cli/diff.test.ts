import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../cli/diff.js';

/** Applies a unified diff to the old text, checking each context and removed line as patch does. */
function apply(before: string, diff: string): string {
  const old = before.split('\n');
  if (old.at(-1) === '') old.pop();
  const out: string[] = [];
  let at = 0;
  const lines = diff.split('\n').slice(2);
  for (let i = 0; i < lines.length; i++) {
    const head = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i] as string);
    if (!head) continue;
    const start = Number(head[2]) === 0 ? Number(head[1]) : Number(head[1]) - 1;
    while (at < start) out.push(old[at++] as string);
    for (i++; i < lines.length && !(lines[i] as string).startsWith('@@'); i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      const text = line.slice(1);
      if (line[0] === '+') out.push(text);
      else {
        expect(old[at]).toBe(text);
        if (line[0] === ' ') out.push(text);
        at++;
      }
    }
    i--;
  }
  while (at < old.length) out.push(old[at++] as string);
  return out.length ? `${out.join('\n')}\n` : '';
}

describe('unifiedDiff', () => {
  it('gives hunks with three lines of context and the old and new line ranges', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n';
    const b = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nm\nn\n';
    expect(unifiedDiff('x.sla', a, b)).toBe(
      ['--- a/x.sla', '+++ b/x.sla', '@@ -1,5 +1,5 @@', ' a', '-b', '+B', ' c', ' d', ' e', '@@ -9,5 +9,5 @@', ' i', ' j', ' k', '-l', ' m', '+n', ''].join('\n'),
    );
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('x', 'a\n', 'a\n')).toBe('');
  });

  it('turns any text into any other when applied', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 }).map((ls) => (ls.length ? `${ls.join('\n')}\n` : ''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(apply(a, unifiedDiff('x', a, b))).toBe(b);
      }),
    );
  });
});

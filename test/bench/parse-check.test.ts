import { describe, expect, it } from 'vitest';
import { typingForward } from '../../bench/parse-check.bench.js';
import { generatePolicy } from '../../bench/generate-policy.js';
import { parse } from '../../grammar/index.js';

describe('the parse bench typist', () => {
  it('adds one character to the text before at each call, halfway down, and never makes a syntax error', () => {
    const text = generatePolicy(1000);
    const typist = typingForward(text, text.length >> 1);
    let before = text;
    for (let i = 0; i < 40; i++) {
      const after = typist();
      expect(after.length).toBe(before.length + 1);
      let at = 0;
      while (before[at] === after[at]) at++;
      expect(after.slice(0, at) + after.slice(at + 1)).toBe(before);
      expect(at).toBeGreaterThan(text.length >> 1);
      expect(after[at]).toMatch(/\d/);
      before = after;
    }
    expect(parse(before).diagnostics).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { contentAssist, keywordWords } from '../../grammar/index.js';
import { slaParser } from '../../grammar/parser.js';
import { tokenize } from '../../grammar/lexer.js';

const keywordsAfter = (text: string) => contentAssist(text, text.length).next.flatMap((n) => (n.keyword ? [n.keyword] : [])).sort();

describe('contentAssist', () => {
  it('offers the module levels at the start of a file', () => {
    expect(keywordsAfter('')).toEqual(['branch', 'group', 'library', 'property']);
  });

  it('offers the clock items, expanded from their token category, inside a clock', () => {
    expect(keywordsAfter('group g\nclock c {\n  ')).toEqual(['advisory', 'applies', 'calendar', 'pause', 'restart', 'resume', 'start', 'stop', 'target', 'update', 'when']);
  });

  it('offers a name slot, not the keyword `flags`, after a clock role', () => {
    const text = 'group g\nclock c { start ';
    const next = contentAssist(text, text.length).next;
    expect(next.map((n) => n.token)).toEqual(['NameLike']);
    expect(next[0]?.ruleStack).toEqual(['file', 'declaration', 'clockDecl', 'clockItem']);
  });

  it('offers `at` (for `pause at most`) after `pause`, and only there', () => {
    const text = 'group g\nclock c { pause ';
    expect(contentAssist(text, text.length).next.map((n) => n.token).sort()).toEqual(['Kw_at', 'NameLike']);
  });

  it('returns the word being typed and the token before it', () => {
    const text = 'group g\nclock c { sta';
    expect(contentAssist(text, text.length)).toMatchObject({ prefix: 'sta', prefixStart: text.length - 3, previous: '{' });
  });

  it('looks only at the header and the current declaration, and answers as the whole file would', () => {
    const many = Array.from({ length: 50 }, (_, i) => `clock c${i} { start a stop b target 1h }`).join('\n');
    const text = `group g\n${many}\nwarning w {\n  `;
    const whole = slaParser().computeContentAssist('file', tokenize(text).tokens);
    const expected = [...new Set(whole.map((p) => String(p.nextTokenType.name)))].filter((n) => n.startsWith('Kw_')).map((n) => n.slice(3)).sort();
    expect(keywordsAfter(text)).toEqual(expected);
    expect(keywordsAfter(text)).toEqual(['applies', 'notify', 'plan', 'when']);
  });

  it('offers only real keywords', () => {
    const all = new Set(keywordWords);
    for (const text of ['', 'group g\n', 'group g\nclock c { target { */', 'group g\nwarning w { when overdue(x) ']) {
      for (const k of keywordsAfter(text)) expect(all.has(k)).toBe(true);
    }
  });
});

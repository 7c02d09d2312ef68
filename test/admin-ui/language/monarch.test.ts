import { describe, expect, it } from 'vitest';
import { keywordWords } from '../../../grammar/index.js';
import { slaLanguage, keywordDocs } from '../../../admin-ui/src/language/index.js';

/** The scope Monaco's Monarch tokenizer gives the first token of `text` (first matching root rule wins). */
function firstScope(text: string): { image: string; scope: string } | undefined {
  const lang = slaLanguage();
  for (const [re, action] of lang.tokenizer['root'] ?? []) {
    const m = new RegExp(`^(?:${re.source})`).exec(text);
    if (!m || m[0].length === 0) continue;
    const scope = typeof action === 'string' ? action : lang.keywords.includes(m[0]) ? (action.cases['@keywords'] as string) : (action.cases['@default'] as string);
    return { image: m[0], scope };
  }
  return undefined;
}

describe('the .sla Monarch language', () => {
  it('is generated from the lexer: it lists exactly the lexer keywords', () => {
    expect([...slaLanguage().keywords].sort()).toEqual([...keywordWords].sort());
  });

  it.each([...keywordWords])('highlights the keyword %s as a keyword', (word) => {
    expect(firstScope(`${word} `)).toEqual({ image: word, scope: 'keyword' });
  });

  it('does not highlight a name that merely starts with a keyword', () => {
    expect(firstScope('include_night ')).toEqual({ image: 'include_night', scope: 'identifier' });
  });
});

describe('the keyword documentation', () => {
  it('documents every lexer keyword, in Chinese and English, and nothing else', () => {
    expect(Object.keys(keywordDocs).sort()).toEqual([...keywordWords].sort());
    for (const doc of Object.values(keywordDocs)) {
      expect(doc['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(doc.en.length).toBeGreaterThan(5);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_SCOPES, monarchLanguage } from '../../grammar/highlight.js';
import { tokenize } from '../../grammar/lexer.js';
import { keywordWords } from '../../grammar/tokens.js';

/** Runs the Monarch root rules the way Monaco does: first rule that matches at the position wins. */
function highlight(text: string): { image: string; scope: string }[] {
  const lang = monarchLanguage();
  const out: { image: string; scope: string }[] = [];
  let pos = 0;
  while (pos < text.length) {
    let matched = false;
    for (const [re, action] of lang.tokenizer['root'] ?? []) {
      const m = new RegExp(`^(?:${re.source})`).exec(text.slice(pos));
      if (!m || m[0].length === 0) continue;
      const scope = typeof action === 'string' ? action : lang.keywords.includes(m[0]) ? 'keyword' : 'identifier';
      if (scope !== 'white') out.push({ image: m[0], scope });
      pos += m[0].length;
      matched = true;
      break;
    }
    if (!matched) pos++;
  }
  return out;
}

describe('the Monaco highlighter', () => {
  it('knows exactly the lexer keywords', () => {
    expect(monarchLanguage().keywords.sort()).toEqual([...keywordWords].sort());
  });

  it('splits text into the same pieces as the lexer, and colours keywords as keywords', () => {
    const text = 'clock contact "联系" { start accepted target 1h30m before appointmentAt }\nholiday 2026-10-01..2026-10-07 // 国庆\nwhen share(issueKey, 30d, households) >= 5% and x <= 0.2';
    const lexed = tokenize(text);
    const pieces = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset).map((tok) => tok.image);
    const highlighted = highlight(text);
    expect(highlighted.map((h) => h.image).filter((i) => i !== '..')).toEqual(pieces.filter((i) => i !== '..'));
    expect(highlighted.find((h) => h.image === 'clock')?.scope).toBe('keyword');
    expect(highlighted.find((h) => h.image === 'contact')?.scope).toBe('identifier');
    expect(highlighted.find((h) => h.image === '1h30m')?.scope).toBe('number.duration');
    expect(highlighted.find((h) => h.image === '// 国庆')?.scope).toBe('comment');
  });

  it('uses the lexer token patterns themselves', () => {
    for (const [token] of HIGHLIGHT_SCOPES) expect(token.PATTERN).toBeInstanceOf(RegExp);
  });
});

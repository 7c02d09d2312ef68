import { describe, expect, it } from 'vitest';
import { hoverAt } from '../../../admin-ui/src/language/index.js';
import { at, PROPERTY, PROPERTY_PATH, RELATED } from './fixtures.js';

function hover(needle: string, shift = 1, occurrence = 1, locale: 'zh-CN' | 'en' = 'en') {
  const { line, column } = at(PROPERTY, needle, shift, occurrence);
  return hoverAt(PROPERTY, PROPERTY_PATH, RELATED, line, column, locale);
}

describe('hover', () => {
  it("shows a keyword's documentation", () => {
    const h = hover('clock contact', 1);
    expect(h?.contents[0]).toContain('**clock**');
    expect(h?.contents[1]).toContain('start event');
    expect(h?.range).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 6 });
  });

  it('shows it in Chinese by default locale argument zh-CN', () => {
    expect(hover('clock contact', 1, 1, 'zh-CN')?.contents[1]).toMatch(/计时/);
  });

  it("shows a name's label and where it is declared, even in the group's file", () => {
    const h = hover('expect contact', 8);
    expect(h?.contents[0]).toBe('**contact** 联系报事人 · clock');
    expect(h?.contents).toContain('Declared in group.sla, line 7');
  });

  it("shows a parameter's effective value and the file and line that set it", () => {
    const h = hover('param contact_within', 7);
    expect(h?.contents.join('\n')).toContain('Effective value: `30m` — Set by demo (demo.sla, line 2)');
  });

  it("shows a target cell's effective value and provenance when hovering its key", () => {
    const h = hover('engineering/urgent', 13);
    expect(h?.contents[0]).toContain('**urgent** 紧急 · tier');
    expect(h?.contents.join('\n')).toContain('`10m` — Set by demo (demo.sla, line 5)');
  });

  it('shows nothing for a keyword inside a string or a comment', () => {
    const text = `${PROPERTY}// the clock above is tightened\ntest "clock 测试" {\n  at 2026-03-02T09:00+08:00\n}\n`;
    const inComment = at(text, 'the clock', 5);
    const inString = at(text, '"clock', 2);
    expect(hoverAt(text, PROPERTY_PATH, RELATED, inComment.line, inComment.column, 'en')).toBeUndefined();
    expect(hoverAt(text, PROPERTY_PATH, RELATED, inString.line, inString.column, 'en')).toBeUndefined();
    // The same word outside both is documented.
    const plain = at(text, 'clock contact', 2);
    expect(hoverAt(text, PROPERTY_PATH, RELATED, plain.line, plain.column, 'en')?.contents[0]).toContain('**clock**');
  });

  it('tells a category from a tier of the same name by where it stands in a cell', () => {
    const text = 'group g\ncategories { other "其他类" }\ntiers { other "其他级" }\nclock c {\n  target {\n    other/other: 1h\n  }\n}\n';
    const category = at(text, 'other/other', 1);
    const tier = at(text, 'other/other', 7);
    expect(hoverAt(text, 'g.sla', [], category.line, category.column, 'en')?.contents[0]).toBe('**other** 其他类 · category');
    expect(hoverAt(text, 'g.sla', [], tier.line, tier.column, 'en')?.contents[0]).toBe('**other** 其他级 · tier');
  });
});

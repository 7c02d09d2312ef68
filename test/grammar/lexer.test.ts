import { describe, expect, it } from 'vitest';
import { parse } from '../../grammar/parse.js';
import { tokenize } from '../../grammar/lexer.js';

/** Token type names and images, in order, of a lexing that must succeed. */
function lex(text: string): string[] {
  const result = tokenize(text);
  expect(result.errors).toEqual([]);
  return result.tokens.map((tok) => `${tok.tokenType.name} ${tok.image}`);
}

function types(text: string): string[] {
  return lex(text).map((t) => t.split(' ')[0] as string);
}

describe('tokenize', () => {
  describe('with keywords and names', () => {
    it('reads a reserved word as its keyword', () => {
      expect(types('clock warning param when target')).toEqual(['Kw_clock', 'Kw_warning', 'Kw_param', 'Kw_when', 'Kw_target']);
    });

    it('reads a name that merely starts with a keyword as one name', () => {
      expect(lex('include_night')).toEqual(['Identifier include_night']);
      expect(lex('index')).toEqual(['Identifier index']);
      expect(lex('starting')).toEqual(['Identifier starting']);
      expect(lex('flagship')).toEqual(['Identifier flagship']);
    });

    it('tells workdays from workday', () => {
      expect(lex('workdays workday')).toEqual(['Kw_workdays workdays', 'Kw_workday workday']);
    });

    it('tells in from include', () => {
      expect(lex('in include')).toEqual(['Kw_in in', 'Kw_include include']);
    });

    it('tells point from points and event from events', () => {
      expect(types('point points event events')).toEqual(['Kw_point', 'Kw_points', 'Kw_event', 'Kw_events']);
    });

    it('reads a keyword followed by a hyphenated part as one name', () => {
      expect(lex('in-house')).toEqual(['Identifier in-house']);
    });

    it('reads kebab-case as one name', () => {
      expect(lex('sunrise-garden')).toEqual(['Identifier sunrise-garden']);
      expect(lex('cn-holidays-2026')).toEqual(['Identifier cn-holidays-2026']);
    });

    it('reads a weekday span as one name', () => {
      expect(lex('mon-fri')).toEqual(['Identifier mon-fri']);
    });

    it('reads Chinese names, including a hyphenated span', () => {
      expect(lex('工程维修')).toEqual(['Identifier 工程维修']);
      expect(lex('周一-周五')).toEqual(['Identifier 周一-周五']);
    });

    it('keeps a trailing hyphen out of the name', () => {
      expect(lex('a- b')).toEqual(['Identifier a', 'Minus -', 'Identifier b']);
    });
  });

  describe('with durations', () => {
    it.each(['15m', '30min', '2h', '3d', '45s', '1h30m', '1.5h', '2d4h'])('reads %s as one duration', (text) => {
      expect(lex(text)).toEqual([`DurationLiteral ${text}`]);
    });

    it('does not read 2days as a duration', () => {
      expect(lex('2days')).toEqual(['NumberLiteral 2', 'Identifier days']);
    });

    it('does not read 5mins as a duration', () => {
      expect(lex('5mins')).toEqual(['NumberLiteral 5', 'Identifier mins']);
    });

    it('reads a number then a unit keyword as two tokens', () => {
      expect(lex('2 workdays')).toEqual(['NumberLiteral 2', 'Kw_workdays workdays']);
      expect(lex('0.2 points')).toEqual(['NumberLiteral 0.2', 'Kw_points points']);
    });
  });

  describe('with other values', () => {
    it('reads 24x7 as one token, not a number', () => {
      expect(lex('24x7')).toEqual(['TwentyFourSeven 24x7']);
    });

    it('reads a date and a date range', () => {
      expect(lex('2026-10-01')).toEqual(['DateLiteral 2026-10-01']);
      expect(lex('2026-10-01..2026-10-07')).toEqual(['DateLiteral 2026-10-01', 'DotDot ..', 'DateLiteral 2026-10-07']);
    });

    it.each(['2026-03-02T08:05+08:00', '2026-03-02T08:05-05:00', '2026-03-02T08:05Z', '2026-03-02T08:05:30+08:00', '2026-03-02T08:05'])(
      'reads the date-time %s as one token',
      (text) => {
        expect(lex(text)).toEqual([`DateTimeLiteral ${text}`]);
      },
    );

    it('reads times with one or two hour digits', () => {
      expect(lex('08:30 8:30')).toEqual(['TimeLiteral 08:30', 'TimeLiteral 8:30']);
    });

    it('reads a service interval as time, minus, time', () => {
      expect(types('08:30-12:00')).toEqual(['TimeLiteral', 'Minus', 'TimeLiteral']);
    });

    it('reads percentages and plain numbers', () => {
      expect(lex('5% 99.5% 42 0.2')).toEqual(['PercentLiteral 5%', 'PercentLiteral 99.5%', 'NumberLiteral 42', 'NumberLiteral 0.2']);
    });

    it('reads the placeholder with or without spaces, in either case', () => {
      expect(types('[X] [ x ]')).toEqual(['Placeholder', 'Placeholder']);
    });

    it('reads a string with an escaped quote as one string', () => {
      expect(lex('"华宇 \\"A\\""')).toEqual(['StringLiteral "华宇 \\"A\\""']);
    });

    it('reads a string without its closing quote up to the end of the line', () => {
      expect(lex('"abc }\nx')).toEqual(['UnterminatedString "abc }', 'Identifier x']);
    });
  });

  describe('with operators', () => {
    it('reads two-character operators before their one-character prefixes', () => {
      expect(types('<= >= != = < >')).toEqual(['LessEq', 'GreaterEq', 'NotEquals', 'Equals', 'Less', 'Greater']);
    });

    it('puts every comparison, in and has in the comparison category', () => {
      const { tokens } = tokenize('<= >= != = < > in has');
      expect(tokens.every((tok) => tok.tokenType.CATEGORIES?.some((c) => c.name === 'CompareOperator'))).toBe(true);
    });

    it('reads target-cell punctuation', () => {
      expect(types('*/urgent: 15m')).toEqual(['Star', 'Slash', 'Identifier', 'Colon', 'DurationLiteral']);
    });
  });

  describe('with comments and white space', () => {
    it('puts comments in the comments group, not among the tokens', () => {
      const result = tokenize('param x = 1 // note\n// whole line\n');
      expect(result.tokens.map((tok) => tok.image)).toEqual(['param', 'x', '=', '1']);
      expect((result.groups['comments'] ?? []).map((tok) => tok.image)).toEqual(['// note', '// whole line']);
    });

    it('skips the ideographic space and a byte-order mark', () => {
      expect(lex('\uFEFFa\u3000b')).toEqual(['Identifier a', 'Identifier b']);
    });

    it('tracks 1-based lines and columns', () => {
      const [, second] = tokenize('a\n  bc').tokens;
      expect([second?.startLine, second?.startColumn, second?.startOffset]).toEqual([2, 3, 4]);
    });
  });

  describe('with full-width punctuation', () => {
    it('does not take a full-width colon into a name', () => {
      expect(types('category：engineering')).toEqual(['Identifier', 'FullWidthColon', 'Identifier']);
    });

    it('reads full-width punctuation as its ASCII twin', () => {
      const { tokens } = tokenize('：，（）｛｝－～');
      const twins = tokens.map((tok) => tok.tokenType.CATEGORIES?.find((c) => c.name !== 'FullWidth')?.name);
      expect(twins).toEqual(['Colon', 'Comma', 'LParen', 'RParen', 'LCurly', 'RCurly', 'Minus', 'DotDot']);
    });

    it('reports P101 on the character, with a hint to type the ASCII one', () => {
      const { diagnostics } = parse('group a\nparam x：duration = 2h');
      const p101 = diagnostics.filter((d) => d.code === 'P101');
      expect(p101).toHaveLength(1);
      expect(p101[0]?.range.start).toEqual({ line: 2, column: 8, offset: 15 });
      expect(p101[0]?.range.end).toEqual({ line: 2, column: 9, offset: 16 });
      expect(p101[0]?.help).toContain(':');
    });

    it.each(['，', '（', '）', '｛', '｝', '“', '”', '；'])('gives a hint for %s', (char) => {
      const { diagnostics } = parse(`group a ${char}`);
      expect(diagnostics.find((d) => d.code === 'P101')?.help).toBeDefined();
    });

    it('gives no hint for a character that is simply unknown', () => {
      const { diagnostics } = parse('group a #');
      const p101 = diagnostics.find((d) => d.code === 'P101');
      expect(p101).toBeDefined();
      expect(p101?.help).toBeUndefined();
    });
  });
});

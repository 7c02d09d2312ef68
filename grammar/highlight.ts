// The Monaco (Monarch) syntax highlighter, generated from the lexer's own
// token list so the editor and the parser can never disagree about what is a
// keyword, a duration or a date. Plain data: the admin UI hands it to
// monaco.languages.setMonarchTokensProvider without this file importing Monaco.
import type { TokenType } from 'chevrotain';
import * as t from './tokens.js';

export interface MonarchLanguage {
  defaultToken: string;
  keywords: string[];
  tokenizer: Record<string, [RegExp, string | { cases: Record<string, string> }][]>;
}

function source(token: TokenType): RegExp {
  const pattern = token.PATTERN;
  if (!(pattern instanceof RegExp)) throw new Error(`token ${token.name} has no regular expression`);
  return new RegExp(pattern.source);
}

/** Which Monaco theme scope each token shows as; tokens not listed are plain. */
export const HIGHLIGHT_SCOPES: [TokenType, string][] = [
  [t.Comment, 'comment'],
  [t.StringLiteral, 'string'],
  [t.UnterminatedString, 'string.invalid'],
  [t.Placeholder, 'keyword.placeholder'],
  [t.TwentyFourSeven, 'number'],
  [t.DateTimeLiteral, 'number.date'],
  [t.DateLiteral, 'number.date'],
  [t.TimeLiteral, 'number.time'],
  [t.DurationLiteral, 'number.duration'],
  [t.PercentLiteral, 'number.percent'],
  [t.NumberLiteral, 'number'],
  [t.LessEq, 'operator'],
  [t.GreaterEq, 'operator'],
  [t.NotEquals, 'operator'],
  [t.Equals, 'operator'],
  [t.Less, 'operator'],
  [t.Greater, 'operator'],
];

export function monarchLanguage(): MonarchLanguage {
  const rules: [RegExp, string | { cases: Record<string, string> }][] = [[/[ \t\r\n\u3000]+/, 'white']];
  for (const [token, scope] of HIGHLIGHT_SCOPES) rules.push([source(token), scope]);
  rules.push([source(t.Identifier), { cases: { '@keywords': 'keyword', '@default': 'identifier' } }]);
  rules.push([/[{}()]/, '@brackets']);
  rules.push([/[:,/*\-.]+/, 'delimiter']);
  return { defaultToken: 'invalid', keywords: [...t.keywordWords], tokenizer: { root: rules } };
}

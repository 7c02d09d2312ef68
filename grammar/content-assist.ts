// What may come next at a cursor, from the grammar itself (Chevrotain's content
// assist), so the editor's completion can never offer a keyword the parser refuses.
// Pure: text and offset in, token names out; the admin UI turns them into items.
import type { IToken, TokenType } from 'chevrotain';
import { tokenize } from './lexer.js';
import { slaParser } from './parser.js';
import * as t from './tokens.js';

/** One thing that may follow: a keyword, or a kind of token (`NameLike`, `DurationLiteral`, …) and the rules around it. */
export interface NextToken {
  /** The keyword's word, when the token is a keyword. */
  keyword?: string;
  /** The token type's name, e.g. "Kw_clock", "NameLike", "StringLike". */
  token: string;
  /** The rules the parser is inside at that point, outermost first ("file", "declaration", "clockDecl", …). */
  ruleStack: string[];
}

export interface ContentAssist {
  /** The word being typed at the cursor (may be empty), which completion replaces. */
  prefix: string;
  /** Offset where that word starts. */
  prefixStart: number;
  /** The image of the complete token before the word being typed, if any. */
  previous?: string;
  next: NextToken[];
}

// Only these keywords open a top-level declaration; a brace depth of zero tells
// `calendar` at the top from `calendar` inside a clock.
const DECLARATION_STARTS = new Set<TokenType>([
  t.Use, t.Zone, t.Calendar, t.Categories, t.Tiers, t.Events, t.Roles, t.Flags, t.Attribute,
  t.Param, t.Clock, t.Warning, t.Penalties, t.Compliance, t.Duty, t.Test,
]);

const WORD_BEFORE = /[A-Za-z0-9_\-\u00C0-\u1FFF\u2070-\u2FFF\u3040-\uD7FF\uF900-\uFEFF]*$/;

function isCurly(token: IToken, curly: TokenType): boolean {
  return token.tokenType === curly || (token.tokenType.CATEGORIES ?? []).includes(curly);
}

/**
 * The tokens to hand the parser: the header, then only the top-level declaration the cursor
 * is in. Content assist re-parses its whole input on every call, and a group policy has
 * thousands of tokens; the header is what the start rule needs, the current declaration is
 * all that decides what comes next.
 */
function relevantTokens(tokens: IToken[]): IToken[] {
  let depth = 0;
  let firstDeclaration = -1;
  let current = -1;
  tokens.forEach((token, i) => {
    if (depth === 0 && DECLARATION_STARTS.has(token.tokenType)) {
      if (firstDeclaration < 0) firstDeclaration = i;
      current = i;
    }
    if (isCurly(token, t.LCurly)) depth++;
    else if (isCurly(token, t.RCurly)) depth = Math.max(0, depth - 1);
  });
  if (current < 0) return tokens;
  return [...tokens.slice(0, firstDeclaration), ...tokens.slice(current)];
}

/** Keyword token types by the category token they belong to (`ClockEventRole` -> start, stop, …). */
function expand(type: TokenType): TokenType[] {
  // A name slot stays a name slot: `flags` is a NameLike only so tests can name the ticket field.
  if (t.keywords.includes(type) || type === t.NameLike) return [type];
  const members = t.keywords.filter((k) => (k.CATEGORIES ?? []).includes(type));
  return members.length > 0 ? members : [type];
}

/**
 * Content assist ignores the parser's gates; `at most` follows only `pause` among the clock roles,
 * so after `start` it would be a suggestion the parser then rejects.
 */
function gatedOut(next: TokenType, ruleStack: string[], previous: TokenType | undefined): boolean {
  return next === t.At && ruleStack[ruleStack.length - 1] === 'pauseLimit' && previous !== undefined && previous !== t.Pause && (previous.CATEGORIES ?? []).includes(t.ClockEventRole);
}

export function contentAssist(text: string, offset: number): ContentAssist {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const prefix = WORD_BEFORE.exec(before)?.[0] ?? '';
  const prefixStart = before.length - prefix.length;
  const tokens = tokenize(before.slice(0, prefixStart)).tokens;
  const input = relevantTokens(tokens);
  const paths = slaParser().computeContentAssist('file', input);
  const seen = new Set<string>();
  const next: NextToken[] = [];
  const last = tokens[tokens.length - 1];
  for (const path of paths) {
    if (gatedOut(path.nextTokenType, path.ruleStack, last?.tokenType)) continue;
    for (const type of expand(path.nextTokenType)) {
      const keyword = t.keywords.includes(type) ? String(type.name).slice(3) : undefined;
      const key = `${String(type.name)}|${path.ruleStack.join('/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      next.push({ token: String(type.name), ruleStack: [...path.ruleStack], ...(keyword ? { keyword } : {}) });
    }
  }
  return { prefix, prefixStart, next, ...(last ? { previous: last.image } : {}) };
}

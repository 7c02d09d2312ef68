// The one place where Chevrotain's lexing and parsing errors become
// diagnostics. Messages name what a policy writer would type, not token types.
import { tokenMatcher, type ILexingError, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import type { Range } from './ast.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { MAX_NESTING } from './parser.js';
import type { SourceText } from './source-text.js';
import * as t from './tokens.js';

const FULL_WIDTH_HINTS: Record<string, string> = {
  '：': ':',
  '，': ',',
  '（': '(',
  '）': ')',
  '“': '"',
  '”': '"',
  '；': 'a line break',
  '｛': '{',
  '｝': '}',
  '－': '-',
  '～': '..',
};

export function lexingDiagnostics(errors: ILexingError[], source: SourceText): Diagnostic[] {
  return errors.map((e) => {
    const char = source.text.slice(e.offset, e.offset + e.length);
    const first = [...char][0] ?? char;
    const hint = FULL_WIDTH_HINTS[first];
    return diagnostic(
      'P101',
      source.range(e.offset, e.offset + e.length),
      `Unexpected character '${first}'${e.length > first.length ? ` (and ${e.length - first.length} more)` : ''}.`,
      hint ? { help: `Full-width punctuation is not part of the language: type ${hint} instead.` } : {},
    );
  });
}

/** Full-width punctuation lexes as its ASCII twin (see tokens.ts); each one is still a P101. */
export function fullWidthDiagnostics(tokens: IToken[], source: SourceText): Diagnostic[] {
  return tokens
    .filter((tok) => tokenMatcher(tok, t.FullWidth))
    .map((tok) =>
      diagnostic('P101', source.range(tok.startOffset, tok.startOffset + tok.image.length), `Unexpected full-width character '${tok.image}'.`, {
        help: `Full-width punctuation is not part of the language: type ${FULL_WIDTH_HINTS[tok.image] ?? 'its ASCII form'} instead.`,
      }),
    );
}

export function unterminatedStringDiagnostics(tokens: IToken[], source: SourceText): Diagnostic[] {
  return tokens
    .filter((tok) => tok.tokenType === t.UnterminatedString)
    .map((tok) =>
      diagnostic('P102', source.range(tok.startOffset, tok.startOffset + tok.image.length), 'This string has no closing quote.', {
        help: 'Add " at the end of the text.',
      }),
    );
}

const DISPLAY: Record<string, string> = {
  Identifier: 'a name',
  NameLike: 'a name',
  StringLike: 'a quoted label',
  StringLiteral: 'a quoted label',
  UnterminatedString: 'a quoted label',
  Placeholder: '[X]',
  TwentyFourSeven: '24x7',
  DateTimeLiteral: 'a date and time like 2026-03-02T08:00+08:00',
  DateLiteral: 'a date like 2026-10-01',
  TimeLiteral: 'a time like 08:30',
  DurationLiteral: 'a duration like 2h',
  PercentLiteral: 'a percentage like 5%',
  NumberLiteral: 'a number',
  CompareOperator: 'a comparison (=, !=, <, <=, >, >=, in, has)',
  LessEq: '<=',
  GreaterEq: '>=',
  NotEquals: '!=',
  Equals: '=',
  Less: '<',
  Greater: '>',
  DotDot: '..',
  Colon: ':',
  Comma: ',',
  Slash: '/',
  Star: '*',
  Minus: '-',
  LParen: '(',
  RParen: ')',
  LCurly: '{',
  RCurly: '}',
  EOF: 'the end of the file',
  TypeKeyword: 'a type (duration, workdays, percent, points, count)',
  ModuleLevel: 'group, branch, property or library',
  EnumKeyword: 'categories, tiers, events, roles or flags',
  ClockEventRole: 'start, stop, pause, resume, restart or update',
};

function display(type: TokenType): string {
  const name = type.name;
  if (name.startsWith('Kw_')) return `'${name.slice(3)}'`;
  return DISPLAY[name] ?? name;
}

function shown(tok: IToken): string {
  if (tok.tokenType.name === 'EOF') return 'the end of the file';
  return `'${tok.image}'`;
}

/** What each rule expects next, in a policy writer's words. */
const RULE_EXPECTS: Record<string, string> = {
  nameList: 'a name',
  paramDecl: 'a type (duration, workdays, percent, points, count)',
  file: 'a header such as `group name "label"` or `property id "label" extends parent`',
  header: 'a header such as `group name "label"` or `property id "label" extends parent`',
  declaration:
    'a declaration: use, zone, calendar, categories, tiers, events, roles, flags, attribute, param, clock, warning, penalties, compliance, pause or test',
  calendarItem: 'zone, include, holiday, workday or service hours such as `mon-fri 08:30-17:30`',
  calendarDecl: '24x7 or a { ... } block',
  clockItem: 'start, stop, pause, resume, restart, update, calendar, when or target',
  warningItem: 'when, notify or plan within',
  targetItem: 'a target such as 2h, `2 workdays` or a { category/tier: value } table',
  targetValue: 'a target such as 2h, `2 workdays`, `5m before appointmentAt`, `every 1h` or `daily by 17:00`',
  targetRow: 'a row such as `engineering/urgent: 30m`',
  value: 'a value such as 2h, `3 workdays`, 5%, `0.5 points`, a number, [X] or a parameter name',
  operand: 'a value, a name or a call such as overdue(resolve)',
  comparison: 'a comparison such as `kind = complaint`',
  notCondition: 'a condition such as `overdue(resolve) >= 3d`',
  andCondition: 'a condition',
  condition: 'a condition',
  testItem: 'ticket, related, at or expect',
  ticketItem: 'a field such as `category: engineering` or `event accepted 2026-03-02T08:05+08:00`',
  expectItem: 'warning, penalty, or a clock name and its state',
  complianceRow: '`green >= 95%` or `red otherwise`',
  penaltyRow: 'a warning level and its points, such as `blue 0.2 points`',
  chargeItem: '`charge each level` or `charge highest level`',
  voidItem: 'a reason in Chinese and in English and a condition, such as `void "无效投诉" "invalid complaint" when flags has statement_accepted`',
  pauseDecl: '`pause at most 3d` or `pause reasons { waiting_parts "等待配件" }`',
  pauseLimit: 'the longest pause that stops the clock, such as `at most 3d`',
  specialDay: 'a date like 2026-10-01 or a range 2026-10-01..2026-10-07',
  timeRange: 'a time range like 08:30-17:30',
  hoursItem: 'a time range like 08:30-17:30',
};

/** What a repetition (by the rule that holds it) accepts next, for junk found inside it. */
const LOOP_EXPECTS: Record<string, string> = {
  file: RULE_EXPECTS['declaration'] as string,
  calendarDecl: RULE_EXPECTS['calendarItem'] as string,
  memberBlock: 'a member such as `engineering "工程维修"`',
  clockDecl: RULE_EXPECTS['clockItem'] as string,
  targetItem: RULE_EXPECTS['targetRow'] as string,
  warningDecl: RULE_EXPECTS['warningItem'] as string,
  penaltiesDecl: 'a warning level and its points such as `blue 0.2 points`, `charge each level` or `void "…" "…" when …`',
  complianceDecl: RULE_EXPECTS['complianceRow'] as string,
  testDecl: RULE_EXPECTS['testItem'] as string,
  ticketBlock: RULE_EXPECTS['ticketItem'] as string,
  comparison: "',' and another item",
  operand: "',' and another argument",
};

/** Repetitions whose items start with a name: a keyword there was meant as a name... */
const NAME_LOOPS = new Set(['calendarDecl', 'memberBlock', 'targetItem', 'penaltiesDecl', 'complianceDecl', 'ticketBlock']);
/** ...unless it starts a declaration: then the block before it was not closed. */
const DECLARATION_STARTS = [t.Use, t.Zone, t.Calendar, t.EnumKeyword, t.Attribute, t.Param, t.Clock, t.Warning, t.Penalties, t.Compliance, t.Test];

interface ChevrotainException extends IRecognitionException {
  previousToken?: IToken;
}

function expectedTokenOf(message: string): string | undefined {
  const m = /--> (\w+) <--/.exec(message);
  return m?.[1];
}

function isReal(tok: IToken | undefined): tok is IToken {
  return tok !== undefined && tok.tokenType.name !== 'EOF' && !Number.isNaN(tok.startOffset);
}

function endOf(tok: IToken): number {
  return tok.startOffset + tok.image.length;
}

const CLOSERS: Record<string, string> = { RCurly: '}', RParen: ')' };

/**
 * A missing } or ) right after an unterminated string is only its echo: the
 * string swallowed the closer on its line, and the P102 already says what to fix.
 */
function echoesUnterminatedString(prev: IToken | undefined, expectedType: string | undefined): boolean {
  const closer = CLOSERS[expectedType ?? ''];
  return closer !== undefined && prev?.tokenType === t.UnterminatedString && prev.image.includes(closer);
}

function translate(e: ChevrotainException, source: SourceText): Diagnostic | undefined {
  const found = e.token;
  const prev = isReal(e.previousToken) ? e.previousToken : undefined;
  const rule = e.context?.ruleStack?.[e.context.ruleStack.length - 1] ?? 'file';
  const mismatched = e.name === 'MismatchedTokenException';
  const expectedType = mismatched ? expectedTokenOf(e.message) : undefined;
  const expected = expectedType ? display({ name: expectedType } as TokenType) : (RULE_EXPECTS[rule] ?? 'something else');
  if (echoesUnterminatedString(prev, expectedType)) return undefined;

  if (!isReal(found)) {
    const at = prev ? endOf(prev) : source.text.length;
    return diagnostic('P105', source.range(at, at), `The file ends early: expected ${expected}.`, { help: 'Is a closing } missing?' });
  }
  const foundRange = source.range(found.startOffset, endOf(found));
  const isKeyword = found.tokenType.name.startsWith('Kw_');

  // Chevrotain's in-repetition recovery skips junk inside a block (or between
  // declarations) and reports it as a mismatch of the token after the block;
  // it records the last skipped token as the previous one.
  const skipped = mismatched && prev !== undefined && prev.startOffset >= found.startOffset;
  const startsDeclaration = DECLARATION_STARTS.some((type) => tokenMatcher(found, type));
  const nameExpected =
    expectedType === 'Identifier' || expectedType === 'NameLike' || (NAME_LOOPS.has(rule) && !startsDeclaration && (skipped || expectedType === 'RCurly'));
  if (isKeyword && nameExpected) return reservedWord(found, foundRange);
  if (skipped && prev) {
    const loop = LOOP_EXPECTS[rule];
    const what = loop ? (expectedType && expectedType !== 'EOF' ? `${loop} (or ${expected})` : loop) : expected;
    return diagnostic('P103', source.range(found.startOffset, endOf(prev)), `Expected ${what} but found ${shown(found)}.`);
  }
  if (mismatched) {
    // A missing token is reported where it belongs: at the token found in its
    // place, or just after the previous token when that one ends an earlier
    // line (a missing } is reported at the end of its block, not at the next
    // declaration).
    const range = prev && source.position(endOf(prev)).line < foundRange.start.line ? source.range(endOf(prev), endOf(prev)) : foundRange;
    if (rule === 'paramDecl' && expectedType === 'Equals' && (tokenMatcher(found, t.TypeKeyword) || found.tokenType === t.Identifier)) {
      return diagnostic('P104', range, `Expected ':' before the type ${shown(found)}.`, { help: 'Write `param name: type = value`.' });
    }
    return diagnostic('P104', range, `Expected ${expected} but found ${shown(found)}.`);
  }
  if (e.name === 'NotAllInputParsedException') {
    return diagnostic('P103', foundRange, `Too many errors: the file was not read past ${shown(found)}.`, {
      help: 'Fix the errors above and check again.',
    });
  }
  if (rule === 'notCondition' && (tokenMatcher(found, t.LParen) || tokenMatcher(found, t.Not))) {
    // `(` and `not` always start a condition; they are refused only past the nesting limit.
    return diagnostic('P103', foundRange, `Conditions may nest at most ${MAX_NESTING} levels deep.`, {
      help: 'Split the condition, or remove redundant parentheses or double negations.',
    });
  }
  return diagnostic('P103', foundRange, `Expected ${expected} but found ${shown(found)}.`);
}

function reservedWord(found: IToken, range: Range): Diagnostic {
  const word = found.image;
  return diagnostic('P106', range, `'${word}' is a reserved word and cannot be used as a name.`, {
    help: `Choose another name, for example '${word}_' or a Chinese name.`,
  });
}

/**
 * One diagnostic per place: Chevrotain may report the same spot twice while it
 * recovers (for instance two closing braces missing at the end of the file).
 */
export function parsingDiagnostics(errors: IRecognitionException[], source: SourceText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const e of errors as ChevrotainException[]) {
    const d = translate(e, source);
    if (!d) continue;
    const start = d.range.start.offset;
    if (seen.has(start)) continue;
    seen.add(start);
    out.push(d);
  }
  return out;
}

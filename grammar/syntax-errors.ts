// The one place where Chevrotain's lexing and parsing errors become
// diagnostics. Messages name what a policy writer would type, not token types.
import type { ILexingError, IRecognitionException, IToken, TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from './diagnostics.js';
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
  file: 'a header such as `group name "label"` or `property id "label" extends parent`',
  header: 'a header such as `group name "label"` or `property id "label" extends parent`',
  declaration:
    'a declaration: use, zone, calendar, categories, tiers, events, roles, flags, attribute, param, clock, warning, penalties, compliance or test',
  calendarItem: 'zone, include, holiday, workday or service hours such as `mon-fri 08:30-17:30`',
  calendarDecl: '24x7 or a { ... } block',
  clockItem: 'start, stop, pause, resume, restart, update, calendar, when or target',
  warningItem: 'when, notify or plan within',
  targetItem: 'a target such as 2h, `2 workdays` or a { category/tier: value } table',
  targetValue: 'a target such as 2h, `2 workdays`, `5m before appointmentAt`, `every 1h` or `daily by 17:00`',
  targetRow: 'a row such as `engineering/urgent: 30m`',
  cellPart: 'a category, a tier or *',
  value: 'a value such as 2h, `3 workdays`, 5%, `0.5 points`, a number, [X] or a parameter name',
  quantity: 'a number, duration or percentage',
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
  specialDay: 'a date like 2026-10-01 or a range 2026-10-01..2026-10-07',
  timeRange: 'a time range like 08:30-17:30',
  hoursItem: 'a time range like 08:30-17:30',
};

interface ChevrotainException extends IRecognitionException {
  previousToken?: IToken;
}

function expectedTokenOf(message: string): string | undefined {
  const m = /--> (\w+) <--/.exec(message);
  return m?.[1];
}

export function parsingDiagnostics(errors: IRecognitionException[], source: SourceText): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<number>();
  for (const e of errors as ChevrotainException[]) {
    const found = e.token;
    const atEnd = found.tokenType.name === 'EOF' || Number.isNaN(found.startOffset);
    const prev = e.previousToken;
    const prevEnd = prev && !Number.isNaN(prev.startOffset) ? prev.startOffset + prev.image.length : undefined;
    const start = atEnd ? (prevEnd ?? source.text.length) : found.startOffset;
    if (seen.has(start)) continue;
    seen.add(start);
    const range = atEnd ? source.range(start, start) : source.range(found.startOffset, found.startOffset + found.image.length);
    const rule = e.context?.ruleStack?.[e.context.ruleStack.length - 1] ?? 'file';
    const expectedType = e.name === 'MismatchedTokenException' ? expectedTokenOf(e.message) : undefined;
    const expected = expectedType ? display({ name: expectedType } as TokenType) : (RULE_EXPECTS[rule] ?? 'something else');

    if (atEnd) {
      out.push(diagnostic('P105', range, `The file ends early: expected ${expected}.`, { help: 'Is a closing } missing?' }));
    } else if (found.tokenType.name.startsWith('Kw_') && (expectedType === 'Identifier' || rule === 'name')) {
      const word = found.image;
      out.push(
        diagnostic('P106', range, `'${word}' is a reserved word and cannot be used as a name.`, {
          help: `Choose another name, for example '${word}_' or a Chinese name.`,
        }),
      );
    } else if (e.name === 'MismatchedTokenException') {
      out.push(diagnostic('P104', range, `Expected ${expected} but found ${shown(found)}.`));
    } else {
      out.push(diagnostic('P103', range, `Expected ${expected} but found ${shown(found)}.`));
    }
  }
  return out;
}

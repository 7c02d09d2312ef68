// Every token of the .sla language, in the order the lexer tries them.
// The Monaco highlighter (highlight.ts) is generated from these lists, so the
// editor and the lexer cannot disagree about what is a keyword.
import { createToken, Lexer, type TokenType } from 'chevrotain';

// Letters of any script may appear in names ("工程维修", "周一"), but not the
// CJK and full-width punctuation a Chinese keyboard produces (，：“”（）), so a
// stray full-width colon is reported instead of becoming part of a name.
const NAME_CHAR = 'A-Za-z0-9_\\u00C0-\\u1FFF\\u2070-\\u2FFF\\u3040-\\uD7FF\\uF900-\\uFEFF';
const NAME_START = 'A-Za-z_\\u00C0-\\u1FFF\\u2070-\\u2FFF\\u3040-\\uD7FF\\uF900-\\uFEFF';

// Kebab-case is allowed inside names because property ids come from other
// systems ("sunrise-garden"); a weekday span such as "mon-fri" therefore lexes
// as one name and the AST builder splits it.
// Where a name may stand: any identifier, and `flags`, which declares the flag
// list but is also the ticket field that conditions test. A token category
// rather than a rule, so a name costs no CST node of its own.
export const NameLike = createToken({ name: 'NameLike', pattern: Lexer.NA });
export const Identifier = createToken({
  name: 'Identifier',
  categories: [NameLike],
  pattern: new RegExp(`[${NAME_START}][${NAME_CHAR}]*(?:-[${NAME_CHAR}]+)*`),
});

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\u3000\uFEFF]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});

export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\n\r]*/, group: 'comments' });

export const StringLike = createToken({ name: 'StringLike', pattern: Lexer.NA });
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: /"(?:[^"\\\n\r]|\\.)*"/,
  categories: [StringLike],
});
// Matched only when the closing quote is missing; the parser accepts it as a
// string so one missing quote yields one diagnostic instead of a cascade.
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\n\r]|\\.)*/,
  categories: [StringLike],
});

export const Placeholder = createToken({ name: 'Placeholder', pattern: /\[\s*[Xx]\s*\]/ });
// Before the numbers: "24x7" would otherwise lex as the number 24.
export const TwentyFourSeven = createToken({ name: 'TwentyFourSeven', pattern: /24x7/ });
// Longest date-like forms first: a DateTime starts with a Date, which starts with a Number.
export const DateTimeLiteral = createToken({
  name: 'DateTimeLiteral',
  pattern: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?/,
});
export const DateLiteral = createToken({ name: 'DateLiteral', pattern: /\d{4}-\d{2}-\d{2}/ });
export const TimeLiteral = createToken({ name: 'TimeLiteral', pattern: /\d{1,2}:\d{2}/ });
// "min" before "m" so "30min" is one duration; the look-ahead keeps "2days"
// from lexing as "2d" + "ays".
export const DurationLiteral = createToken({
  name: 'DurationLiteral',
  pattern: new RegExp(`(?:\\d+(?:\\.\\d+)?(?:d|h|min|m|s))+(?![${NAME_CHAR}])`),
});
export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /\d+(?:\.\d+)?%/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d+(?:\.\d+)?/ });

export const CompareOperator = createToken({ name: 'CompareOperator', pattern: Lexer.NA });
// Two-character operators before their one-character prefixes.
export const LessEq = createToken({ name: 'LessEq', pattern: /<=/, categories: [CompareOperator] });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=/, categories: [CompareOperator] });
export const NotEquals = createToken({ name: 'NotEquals', pattern: /!=/, categories: [CompareOperator] });
export const Equals = createToken({ name: 'Equals', pattern: /=/, categories: [CompareOperator] });
export const Less = createToken({ name: 'Less', pattern: /</, categories: [CompareOperator] });
export const Greater = createToken({ name: 'Greater', pattern: />/, categories: [CompareOperator] });

export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LCurly = createToken({ name: 'LCurly', pattern: /\{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/ });

// Full-width punctuation a Chinese keyboard produces. Each lexes as its ASCII
// twin (a category of it), so the parser reads on and the slip is reported once
// (P101, with a hint) instead of once by the lexer and again by the parser.
export const FullWidth = createToken({ name: 'FullWidth', pattern: Lexer.NA });
function fullWidth(name: string, char: string, ascii: TokenType): TokenType {
  return createToken({ name: `FullWidth${name}`, pattern: new RegExp(char), categories: [ascii, FullWidth] });
}
export const fullWidthTokens: TokenType[] = [
  fullWidth('Colon', '：', Colon),
  fullWidth('Comma', '，', Comma),
  fullWidth('LParen', '（', LParen),
  fullWidth('RParen', '）', RParen),
  fullWidth('LCurly', '｛', LCurly),
  fullWidth('RCurly', '｝', RCurly),
  fullWidth('Minus', '－', Minus),
  fullWidth('DotDot', '～', DotDot),
];

export const TypeKeyword = createToken({ name: 'TypeKeyword', pattern: Lexer.NA });
export const ModuleLevel = createToken({ name: 'ModuleLevel', pattern: Lexer.NA });
export const EnumKeyword = createToken({ name: 'EnumKeyword', pattern: Lexer.NA });
export const ClockEventRole = createToken({ name: 'ClockEventRole', pattern: Lexer.NA });

export const keywords: TokenType[] = [];
function keyword(word: string, categories: TokenType[] = []): TokenType {
  const token = createToken({
    name: `Kw_${word}`,
    pattern: new RegExp(word),
    // A name that merely starts with a keyword ("include_night") stays a name.
    longer_alt: Identifier,
    categories,
  });
  keywords.push(token);
  return token;
}

export const Group = keyword('group', [ModuleLevel]);
export const Branch = keyword('branch', [ModuleLevel]);
export const Property = keyword('property', [ModuleLevel]);
export const Library = keyword('library', [ModuleLevel]);
export const Extends = keyword('extends');
export const Use = keyword('use');
export const Zone = keyword('zone');
export const Calendar = keyword('calendar');
export const Include = keyword('include');
export const Holiday = keyword('holiday');
export const Workdays = keyword('workdays', [TypeKeyword]);
export const Workday = keyword('workday');
export const Categories = keyword('categories', [EnumKeyword]);
export const Tiers = keyword('tiers', [EnumKeyword]);
export const Events = keyword('events', [EnumKeyword]);
export const Roles = keyword('roles', [EnumKeyword]);
export const Flags = keyword('flags', [EnumKeyword, NameLike]);
// `deadlines { plan_completion "…" }`: instants a ticket may carry, used by `target deadline …`.
export const Deadlines = keyword('deadlines', [EnumKeyword]);
export const Attribute = keyword('attribute');
export const Param = keyword('param');
// `final param x ...`: a value no child may override.
export const Final = keyword('final');
export const DurationType = keyword('duration', [TypeKeyword]);
export const PercentType = keyword('percent', [TypeKeyword]);
export const CountType = keyword('count', [TypeKeyword]);
export const Points = keyword('points', [TypeKeyword]);
export const Point = keyword('point');
export const Clock = keyword('clock');
export const Start = keyword('start', [ClockEventRole]);
export const Stop = keyword('stop', [ClockEventRole]);
export const Pause = keyword('pause', [ClockEventRole]);
export const Resume = keyword('resume', [ClockEventRole]);
export const Restart = keyword('restart', [ClockEventRole]);
export const Update = keyword('update', [ClockEventRole]);
export const When = keyword('when');
// `applies to <condition>`: the scope of a clock, target row, warning or penalty.
export const Applies = keyword('applies');
export const To = keyword('to');
export const Target = keyword('target');
export const Before = keyword('before');
export const After = keyword('after');
export const Every = keyword('every');
export const Daily = keyword('daily');
export const By = keyword('by');
// `target deadline plan_completion else 24h`: an instant the ticket carries, with a fallback.
export const Deadline = keyword('deadline');
export const Else = keyword('else');
// `target same day`, `target next day 17:00`: day cut-offs. `day` stays usable as a name.
export const Same = keyword('same');
export const Next = keyword('next');
export const Day = keyword('day', [NameLike]);
export const Warning = keyword('warning');
export const Notify = keyword('notify');
export const Plan = keyword('plan');
export const Within = keyword('within');
// `route x { when … to duty_manager }`: who a ticket goes to (001 二(一), 002 四).
export const Route = keyword('route');
export const Penalties = keyword('penalties');
export const Penalty = keyword('penalty');
// `charge each level` / `charge highest level` in penalties: what a ticket pays (004 第十二条).
export const Charge = keyword('charge');
// `void "…" "…" when …` in penalties: the levels of a ticket that no longer cost anything (004 第十条(二)4).
export const Void = keyword('void');
// `pause at most 3d` (a clock's, or the policy's default) and `pause reasons { … }`.
export const Most = keyword('most');
export const Reasons = keyword('reasons');
// `repeats "…" { case issueKey, household  within 30d  while unresolved  merge same day hotline_96310 }`:
// what makes a later report of the same case a repeat (二次投诉), stated by the policy, not the engine.
export const Repeats = keyword('repeats');
export const Case = keyword('case');
export const While = keyword('while');
export const Unresolved = keyword('unresolved');
export const Merge = keyword('merge');
export const Compliance = keyword('compliance');
// `duty x { every fri by 17:00  owner liaison }`: an obligation on a schedule, not a ticket.
export const Duty = keyword('duty');
export const Owner = keyword('owner');
export const Monthly = keyword('monthly');
// A clock, target row or duty that is reported but never breached or charged ("为宜", "力争").
export const Advisory = keyword('advisory');
export const Otherwise = keyword('otherwise');
export const Test = keyword('test');
export const Ticket = keyword('ticket');
export const Related = keyword('related');
export const Event = keyword('event');
export const At = keyword('at');
export const Expect = keyword('expect');
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const In = keyword('in', [CompareOperator]);
export const Has = keyword('has', [CompareOperator]);

// A keyword that is a prefix of another ("workday"/"workdays", "in"/"include")
// must be tried after the longer one, so keywords go longest first.
const keywordsLongestFirst = [...keywords].sort(
  (a, b) => String(b.PATTERN).length - String(a.PATTERN).length,
);

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLike,
  StringLiteral,
  UnterminatedString,
  Placeholder,
  TwentyFourSeven,
  DateTimeLiteral,
  DateLiteral,
  TimeLiteral,
  DurationLiteral,
  PercentLiteral,
  NumberLiteral,
  CompareOperator,
  LessEq,
  GreaterEq,
  NotEquals,
  Equals,
  Less,
  Greater,
  DotDot,
  Colon,
  Comma,
  Slash,
  Star,
  Minus,
  LParen,
  RParen,
  LCurly,
  RCurly,
  FullWidth,
  ...fullWidthTokens,
  TypeKeyword,
  ModuleLevel,
  EnumKeyword,
  ClockEventRole,
  NameLike,
  ...keywordsLongestFirst,
  Identifier,
];

/** The words the language reserves; a name may not be one of them. */
export const keywordWords: readonly string[] = keywords.map((t) => String(t.name).slice(3));

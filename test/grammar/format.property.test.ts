import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { format } from '../../grammar/format/format.js';
import { parse } from '../../grammar/parse.js';
import { keywordWords } from '../../grammar/tokens.js';
import { commentTexts, stripRanges } from './ast-helpers.js';

// Random but valid policies, generated as token sequences that follow the
// grammar (parser.ts) rule by rule, then joined by random white space, blank
// lines and comments, so comments land between any two tokens.

type Tokens = string[];
type Arb = fc.Arbitrary<Tokens>;


const one = (arb: fc.Arbitrary<string>): Arb => arb.map((t) => [t]);
const word = (w: string): Arb => fc.constant([w]);
/** Concatenates token sequences. */
const seq = (...parts: Arb[]): Arb => fc.tuple(...parts).map((ps) => ps.flat());
const maybe = (arb: Arb): Arb => fc.option(arb, { nil: undefined }).map((t) => t ?? []);
/** One or more items separated by commas. */
const commaList = (item: Arb, max = 3): Arb =>
  fc.array(item, { minLength: 1, maxLength: max }).map((items) => items.flatMap((t, i) => (i === 0 ? t : [',', ...t])));
const many = (item: Arb, max = 4, min = 0): Arb => fc.array(item, { minLength: min, maxLength: max }).map((items) => items.flat());

// ---- names and literals ----

const reserved = new Set(keywordWords);
const asciiName = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter((n) => !reserved.has(n));
const cjkName = fc
  .array(fc.constantFrom(...'工程维修保洁服务紧急重要一般接单联系到场完成华宇锦绣'), { minLength: 1, maxLength: 4 })
  .map((cs) => cs.join(''));
const kebabName = fc.tuple(asciiName, asciiName).map(([a, b]) => `${a}-${b}`);
const nameText = fc.oneof({ arbitrary: asciiName, weight: 4 }, { arbitrary: cjkName, weight: 2 }, { arbitrary: kebabName, weight: 1 });
const name = one(nameText);
const names = commaList(name);

/** A string literal: quotes and backslashes escaped, other characters raw or needlessly escaped. */
const stringLit = one(
  fc
    .array(
      fc.tuple(fc.constantFrom(...'ab 1工程"\\n\t“：'), fc.boolean()).map(([c, escape]) => {
        if (c === '"' || c === '\\') return `\\${c}`;
        if (c === 'n' && escape) return '\\n';
        return escape && c !== 'n' ? `\\${c}` : c;
      }),
      { maxLength: 8 },
    )
    .map((cs) => `"${cs.join('')}"`),
);
const label = maybe(stringLit);

const digits = fc.oneof(
  fc.nat(3000).map(String),
  fc.tuple(fc.nat(99), fc.stringMatching(/^[0-9]{1,3}$/)).map(([i, f]) => `${i}.${f}`),
  fc.constantFrom('0', '007', '1', '1.10'),
);
const unit = fc.constantFrom('d', 'h', 'min', 'm', 's');
const durationTok = fc.array(fc.tuple(digits, unit), { minLength: 1, maxLength: 3 }).map((ps) => ps.map(([n, u]) => n + u).join(''));
const two = (n: number): string => String(n).padStart(2, '0');
const timeTok = fc.tuple(fc.nat(23), fc.nat(59), fc.boolean()).map(([h, m, pad]) => `${pad ? two(h) : h}:${two(m)}`);
const dateTok = fc.tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(
  ([y, m, d]) => `${y}-${two(m)}-${two(d)}`,
);
const dateTimeTok = fc
  .tuple(dateTok, timeTok, fc.constantFrom('', ':30'), fc.constantFrom('', 'Z', '+08:00', '-05:00'))
  .map(([d, t, s, z]) => `${d}T${t.padStart(5, '0')}${s}${z}`);
const dateTime = one(dateTimeTok);

const negative = fc.boolean().map((b) => (b ? ['-'] : []));
const quantity: Arb = fc.oneof(
  one(durationTok),
  fc.tuple(digits, fc.constantFrom('workday', 'workdays', 'point', 'points')).map(([n, w]) => [n, w]),
  one(digits.map((n) => `${n}%`)),
  one(digits),
);
const value: Arb = fc.oneof(
  { arbitrary: seq(negative, quantity), weight: 5 },
  { arbitrary: one(fc.constantFrom('[X]', '[x]', '[ X ]')), weight: 1 },
  { arbitrary: name, weight: 2 },
  { arbitrary: one(timeTok), weight: 1 },
  { arbitrary: one(dateTok), weight: 1 },
  { arbitrary: dateTime, weight: 1 },
  { arbitrary: stringLit, weight: 1 },
);

// ---- conditions ----

const { condition } = fc.letrec<{ condition: Tokens; term: Tokens; operand: Tokens }>((tie) => ({
  condition: commaListOf(commaListOf(tie('term'), 'and'), 'or'),
  term: fc.oneof(
    { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
    { arbitrary: comparison(tie('operand')), weight: 4 },
    { arbitrary: seq(word('not'), tie('term')), weight: 1 },
    { arbitrary: seq(word('('), tie('condition'), word(')')), weight: 1 },
  ),
  operand: fc.oneof(
    { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
    { arbitrary: value, weight: 4 },
    { arbitrary: seq(name, word('('), maybe(commaList(tie('operand'))), word(')')), weight: 1 },
    // An argument may be a condition (share()'s filter: `share(issueKey, 30d, households(), kind = complaint)`).
    { arbitrary: seq(name, word('('), maybe(commaList(tie('condition'))), word(')')), weight: 1 },
  ),
}));

function commaListOf(item: Arb, separator: string): Arb {
  return fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.flatMap((t, i) => (i === 0 ? t : [separator, ...t])));
}

function comparison(operand: Arb): Arb {
  const op = one(fc.constantFrom('=', '!=', '<', '<=', '>', '>=', 'in', 'has'));
  const right = fc.oneof(operand, seq(word('('), commaList(operand), word(')')));
  return seq(operand, maybe(seq(op, right)));
}

// ---- declarations ----

const header = seq(one(fc.constantFrom('group', 'branch', 'property', 'library')), name, label, maybe(seq(word('extends'), name)));
const zone = seq(word('zone'), stringLit);

const timeRange = seq(one(timeTok), word('-'), one(timeTok));
const calendarItem = fc.oneof(
  zone,
  seq(word('include'), names),
  seq(name, commaList(timeRange, 2)),
  seq(one(fc.constantFrom('holiday', 'workday')), one(dateTok), maybe(seq(word('..'), one(dateTok))), label),
);
const calendar = seq(word('calendar'), name, label, fc.oneof(word('24x7'), seq(word('{'), many(calendarItem), word('}'))));

const member = seq(name, label, maybe(word(',')));
const enumDecl = seq(one(fc.constantFrom('categories', 'tiers', 'events', 'roles', 'flags')), word('{'), many(member), word('}'));
const attribute = seq(word('attribute'), name, label, word('{'), many(member), word('}'));

const paramType = fc.oneof(one(fc.constantFrom('duration', 'workdays', 'percent', 'count', 'points')), name);
const param = seq(word('param'), name, label, maybe(seq(word(':'), paramType)), word('='), value);

const targetValue = fc.oneof(
  value,
  seq(value, one(fc.constantFrom('before', 'after')), name),
  seq(word('every'), value),
  seq(word('daily'), word('by'), one(timeTok)),
);
const cellPart = fc.oneof(word('*'), name);
const targetRow = seq(cellPart, maybe(seq(word('/'), cellPart)), word(':'), targetValue);
const when = seq(word('when'), condition);
const clockItem = fc.oneof(
  seq(one(fc.constantFrom('start', 'stop', 'pause', 'resume', 'restart', 'update')), names),
  seq(word('calendar'), fc.oneof(name, word('24x7'))),
  when,
  seq(word('target'), fc.oneof(targetValue, seq(word('{'), many(targetRow), word('}')))),
);
const clock = seq(word('clock'), name, label, word('{'), many(clockItem, 6), word('}'));

const warningItem = fc.oneof(when, seq(word('notify'), names), seq(word('plan'), word('within'), value));
const warning = seq(word('warning'), name, label, word('{'), many(warningItem), word('}'));
const penalties = seq(word('penalties'), label, word('{'), many(seq(name, value, maybe(word(',')))), word('}'));
const complianceRow = seq(name, fc.oneof(seq(word('>='), value), word('otherwise')), maybe(word(',')));
const compliance = seq(word('compliance'), label, word('{'), many(complianceRow), word('}'));

const ticketItem = fc.oneof(seq(word('event'), name, maybe(word('at')), dateTime), seq(name, word(':'), commaList(value)));
const testItem = fc.oneof(
  seq(one(fc.constantFrom('ticket', 'related')), word('{'), many(ticketItem), word('}')),
  seq(word('at'), dateTime),
  seq(word('expect'), word('warning'), name),
  seq(word('expect'), word('penalty'), value),
  seq(word('expect'), name, name, maybe(dateTime)),
);
const test = seq(word('test'), stringLit, word('{'), many(testItem), word('}'));

const declaration = fc.oneof(
  seq(word('use'), names),
  zone,
  calendar,
  enumDecl,
  attribute,
  param,
  clock,
  warning,
  penalties,
  compliance,
  test,
);
const policyTokens = seq(header, many(declaration, 8));

// ---- layout noise ----

const commentText = fc
  .array(fc.constantFrom(...'ab /工程:"{}*x\t'), { maxLength: 10 })
  .map((cs) => `//${cs.join('')}`);
/** What stands between two tokens: at least one white-space character, maybe comments and blank lines. */
const separator = fc.oneof(
  { arbitrary: fc.constant(' '), weight: 12 },
  { arbitrary: fc.constantFrom('\n', '\n  ', '\t', '   ', '\r\n', '\r', '\u3000'), weight: 4 },
  { arbitrary: fc.constantFrom('\n\n', '\n\n\n    ', '\r\n\r\n'), weight: 1 },
  { arbitrary: commentText.map((c) => ` ${c}\n`), weight: 2 },
  { arbitrary: fc.tuple(commentText, commentText).map(([a, b]) => `\n${a}\n\n  ${b}\n`), weight: 1 },
);

const policy = policyTokens.chain((tokens) =>
  fc
    .tuple(fc.array(separator, { minLength: tokens.length + 1, maxLength: tokens.length + 1 }), fc.constantFrom('', '\n'))
    .map(([seps, lead]) => lead + tokens.map((t, i) => `${seps[i] ?? ' '}${t}`).join('') + (seps[tokens.length] ?? '')),
);

describe('format on generated policies', () => {
  it('keeps the AST and the comments, and is idempotent', () => {
    fc.assert(
      fc.property(policy, (text) => {
        const before = parse(text);
        expect(before.diagnostics).toEqual([]);
        const out = format(text).value;
        expect(out).toBeDefined();
        const after = parse(out as string);
        expect(after.diagnostics).toEqual([]);
        expect(stripRanges(after.value)).toEqual(stripRanges(before.value));
        expect(commentTexts(out as string)).toEqual(commentTexts(text));
        expect(format(out as string).value).toBe(out);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws, and formats only what parses without errors, when tokens go missing', () => {
    const damaged = policyTokens.chain((tokens) =>
      fc.nat(tokens.length - 1).map((drop) => tokens.filter((_, i) => i !== drop).join(' ')),
    );
    fc.assert(
      fc.property(damaged, (text) => {
        const result = format(text);
        const broken = parse(text).diagnostics.some((d) => d.severity === 'error');
        expect(result.value === undefined).toBe(broken);
        if (result.value !== undefined) expect(format(result.value).value).toBe(result.value);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'group g{}()"\\/*:,.-=<>!%[]X 1h\n工\u3000\r'), maxLength: 60 });
    fc.assert(
      fc.property(text, (t) => {
        expect(() => format(t)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});

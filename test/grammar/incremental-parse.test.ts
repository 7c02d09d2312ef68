// incrementalParser must answer exactly as the whole-text parse does, edit after
// edit, while re-parsing only the declarations an edit touched; and parse, which
// reads a text without syntax errors a declaration at a time, must answer as the
// whole-text parse does too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePolicy } from '../../bench/generate-policy.js';
import { incrementalParser, parseInChunks } from '../../grammar/incremental-parse.js';
import { parseWhole, type ParseResult } from '../../grammar/parse-whole.js';
import { parse } from '../../grammar/parse.js';
import { keywordWords } from '../../grammar/tokens.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function slaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? slaFiles(join(dir, e.name)) : e.name.endsWith('.sla') ? [join(dir, e.name)] : [],
  );
}

const corpus: string[] = [...slaFiles(join(ROOT, 'policies')).map((path) => readFileSync(path, 'utf8')), generatePolicy(300)];

/** Everything a caller can read of a parse: the AST, the diagnostics, and the comments' text and places. */
function observable(result: ParseResult): unknown {
  return {
    value: result.value,
    diagnostics: result.diagnostics,
    comments: result.comments.map((c) => [c.image, c.startOffset, c.endOffset, c.startLine, c.endLine, c.startColumn, c.endColumn]),
    lines: result.source.lineCount,
  };
}

function expectSameAsParse(actual: ParseResult, text: string): void {
  // JSON text, not only deep equality: `beacon check --json` prints ranges, so key order counts too.
  expect(JSON.stringify(observable(actual))).toBe(JSON.stringify(observable(parseWhole(text))));
}

const snippet = fc.oneof(
  fc.constantFrom(' ', 'x', '\n', '\r\n', '{', '}', '"', '：', '[X]', ',', '//', '5', '-', '(', ')'),
  // Whole lines starting with declaration keywords: these are where chunks begin.
  fc.constantFrom(...keywordWords.map((w) => `\n${w} `)),
  fc.constantFrom(
    '\nclock c_new "新" {\n  start accepted\n  stop resolved\n  target 1h\n}\n',
    '\nflags { extra_flag }\n',
    '\nparam p_new = 1\n',
    '\nfinal param p_final: count = 2\n',
    '\ncalendar\n',
    '\nuse\n',
    '\n// a comment\n',
    '\n}\n',
  ),
);

type Edit = { op: 'insert'; at: number; text: string } | { op: 'delete'; at: number; size: number } | { op: 'line'; at: number; how: 'delete' | 'duplicate' };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: snippet }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), size: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('line' as const), at: fc.nat(), how: fc.constantFrom('delete' as const, 'duplicate' as const) }),
);

/** Edits that keep the text parseable: another digit, a comment line, a declaration line between declarations, a line removed. */
type GentleEdit = { op: 'digit' | 'comment' | 'declaration' | 'dropComment'; at: number; digit: number };
const gentleEdit: fc.Arbitrary<GentleEdit> = fc.record({
  op: fc.constantFrom('digit' as const, 'comment' as const, 'declaration' as const, 'dropComment' as const),
  at: fc.nat(),
  digit: fc.integer({ min: 1, max: 9 }),
});

function gentle(text: string, e: GentleEdit): string {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => (m.index as number) + 1)].filter((i) => i <= text.length);
  const lineAt = lineStarts[e.at % lineStarts.length] as number;
  if (e.op === 'comment') return `${text.slice(0, lineAt)}// edited ${e.digit}\n${text.slice(lineAt)}`;
  if (e.op === 'declaration') {
    const starts = lineStarts.filter((i) => /^(?:param|clock|warning|calendar) /.test(text.slice(i, i + 9)));
    const at = starts.length > 0 ? (starts[e.at % starts.length] as number) : text.length;
    return `${text.slice(0, at)}param inserted_${e.digit}: count = ${e.digit}\n${text.slice(at)}`;
  }
  if (e.op === 'dropComment') {
    const comments = lineStarts.filter((i) => text.startsWith('//', i));
    if (comments.length === 0) return text;
    const at = comments[e.at % comments.length] as number;
    const end = text.indexOf('\n', at);
    return end === -1 ? text.slice(0, at) : text.slice(0, at) + text.slice(end + 1);
  }
  const digits = [...text.matchAll(/\d/g)].map((m) => m.index as number);
  if (digits.length === 0) return text;
  const at = digits[e.at % digits.length] as number;
  return `${text.slice(0, at)}${e.digit}${text.slice(at + 1)}`;
}

function apply(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  if (e.op === 'insert') return text.slice(0, at) + e.text + text.slice(at);
  if (e.op === 'delete') return text.slice(0, at) + text.slice(Math.min(text.length, at + e.size));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at) + 1;
  return e.how === 'delete' ? text.slice(0, start) + text.slice(end) : text.slice(0, end) + text.slice(start, end) + text.slice(end);
}

describe('parse', () => {
  it('answers as the whole-text parse does for each shipped policy, and reads them a declaration at a time', () => {
    for (const text of corpus) {
      expectSameAsParse(parse(text), text);
      // Each shipped policy is free of syntax errors: parse does not fall back to the whole text.
      expect(parseInChunks(text)).toBeDefined();
    }
  });

  it('answers as the whole-text parse does after edits, syntax errors included', () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = corpus[which] as string;
        for (const e of edits) text = apply(text, e);
        expectSameAsParse(parse(text), text);
      }),
      { numRuns: 40 },
    );
  });

  it('answers as the whole-text parse does after edits that keep the text free of syntax errors', () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(gentleEdit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = corpus[which] as string;
        for (const e of edits) text = gentle(text, e);
        expectSameAsParse(parse(text), text);
      }),
      { numRuns: 40 },
    );
  });

  it('reads a declaration written twice as two declarations, each where it stands', () => {
    const decl = 'param twice: count = 2\n';
    const text = `group g\n${decl}${decl}`;
    expectSameAsParse(parse(text), text);
    const [a, b] = parse(text).value.declarations;
    expect(b?.range.start.offset).toBe((a?.range.start.offset ?? 0) + decl.length);
    expect(b?.range.start.line).toBe((a?.range.start.line ?? 0) + 1);
  });
});

describe('incrementalParser', () => {
  it('parses each shipped policy as parse does', () => {
    for (const text of corpus) expectSameAsParse(incrementalParser().parse(text), text);
  });

  it('answers as parse does after every edit of a series, syntax errors included', () => {
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 5 }), (which, edits) => {
        const parser = incrementalParser();
        let text = corpus[which] as string;
        parser.parse(text);
        for (const e of edits) {
          text = apply(text, e);
          expectSameAsParse(parser.parse(text), text);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('answers as parse does after edits that keep the policy free of syntax errors (its fast path)', () => {
    let clean = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(gentleEdit, { minLength: 1, maxLength: 5 }), (which, edits) => {
        const parser = incrementalParser();
        let text = corpus[which] as string;
        parser.parse(text);
        for (const e of edits) {
          text = gentle(text, e);
          const result = parser.parse(text);
          expectSameAsParse(result, text);
          total++;
          if (result.diagnostics.length === 0) clean++;
        }
      }),
      { numRuns: 40 },
    );
    // Most of these edits must have gone through the chunks, or this test says little.
    expect(clean / total).toBeGreaterThan(0.5);
  });

  it('reuses the declarations an edit did not touch, and re-reads the one it did', () => {
    const text = generatePolicy(300);
    const parser = incrementalParser();
    const before = parser.parse(text);
    const at = text.indexOf('param limit_9 ');
    const edited = `${text.slice(0, at)}param limit_9x ${text.slice(at + 'param limit_9 '.length)}`;
    const after = parser.parse(edited);
    expectSameAsParse(after, edited);
    const index = before.value.declarations.findIndex((d) => d.kind === 'Param' && d.name.text === 'limit_9');
    expect(index).toBeGreaterThan(0);
    // Before the edit: the very same objects; the edited declaration: new; after it: moved by one character.
    expect(after.value.declarations[index - 1]).toBe(before.value.declarations[index - 1]);
    const changed = after.value.declarations[index];
    expect(changed?.kind === 'Param' && changed.name.text).toBe('limit_9x');
    const next = after.value.declarations[index + 1];
    expect(next).not.toBe(before.value.declarations[index + 1]);
    expect(next?.range.start.offset).toBe((before.value.declarations[index + 1]?.range.start.offset ?? 0) + 1);
  });

  it('does not let an earlier result change when a later edit moves its declarations', () => {
    const text = generatePolicy(200);
    const parser = incrementalParser();
    const first = parser.parse(text);
    const snapshot = JSON.stringify(observable(first));
    parser.parse(`// one more line\n${text}`);
    expect(JSON.stringify(observable(first))).toBe(snapshot);
  });
});

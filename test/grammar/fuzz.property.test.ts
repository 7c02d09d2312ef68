// parse() on arbitrary and on damaged input: it never throws, it returns, and
// every range it hands out (diagnostics and AST nodes) lies inside the text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as A from '../../grammar/ast.js';
import { diagnosticCodes } from '../../grammar/diagnostics.js';
import { tokenize } from '../../grammar/lexer.js';
import { parse } from '../../grammar/parse.js';
import { keywordWords } from '../../grammar/tokens.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Generous: a parse takes milliseconds; this only catches a runaway recovery. */
const MAX_PARSE_MS = 2000;
/** `FUZZ_SCALE=50 npx vitest run test/grammar/fuzz.property.test.ts` for a long local hunt. */
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 1) || 1;

function slaFiles(dir: string): string[] {
  let out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out; // no policies folder yet
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(slaFiles(path));
    else if (e.name.endsWith('.sla')) out.push(path);
  }
  return out;
}

const README = readFileSync(join(ROOT, 'grammar/README.md'), 'utf8');
const corpus: { name: string; text: string }[] = [
  { name: 'grammar/README.md example', text: /```sla\n([\s\S]*?)```/.exec(README)?.[1] ?? '' },
  ...slaFiles(join(ROOT, 'policies')).map((path) => ({ name: path.slice(ROOT.length), text: readFileSync(path, 'utf8') })),
];

interface AnyNode {
  kind: string;
  range: A.Range;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).kind === 'string' && typeof (value as AnyNode).range === 'object';
}

function* nodes(value: unknown): Generator<AnyNode & Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* nodes(item);
    return;
  }
  if (!isNode(value)) return;
  yield value as AnyNode & Record<string, unknown>;
  for (const [key, child] of Object.entries(value)) if (key !== 'range') yield* nodes(child);
}

const CODES = new Set<string>(diagnosticCodes.filter((c) => c.startsWith('P')));

/** The properties every parse must have, whatever the text. */
function checkParse(text: string): void {
  const started = performance.now();
  const result = parse(text);
  expect(performance.now() - started).toBeLessThan(MAX_PARSE_MS);

  const inside = (range: A.Range, what: string): void => {
    const { start, end } = range;
    if (!(start.offset >= 0 && end.offset <= text.length && start.offset <= end.offset)) {
      throw new Error(`${what}: range ${start.offset}-${end.offset} outside 0-${text.length}`);
    }
    for (const p of [start, end]) {
      const { line, column } = result.source.position(p.offset);
      if (p.line !== line || p.column !== column) throw new Error(`${what}: ${p.line}:${p.column} is not offset ${p.offset}`);
    }
  };

  for (const d of result.diagnostics) {
    if (!CODES.has(d.code)) throw new Error(`unexpected code ${d.code}`);
    inside(d.range, `diagnostic ${d.code}`);
  }
  for (const node of nodes(result.value)) {
    inside(node.range, node.kind);
    if (node.kind === 'Name' && text.slice(node.range.start.offset, node.range.end.offset) !== node['text']) {
      throw new Error(`Name '${String(node['text'])}' does not cover its own text`);
    }
  }
}

// ---- arbitrary text ----

const fragment = fc.oneof(
  fc.constantFrom(...keywordWords),
  fc.constantFrom('{', '}', '(', ')', '[X]', '[', ']', '"', '"label"', ':', ',', '=', '>=', '<', '!=', '/', '*', '-', '..', '%', '//'),
  fc.constantFrom('15m', '30min', '1h30m', '2days', '24x7', '2026-10-01', '2026-03-02T08:05+08:00', '08:30', '5%', '0.2', '-3'),
  fc.constantFrom('工程维修', '周一-周五', 'mon-fri', 'sunrise-garden', 'a', 'x_1', 'flags'),
  fc.constantFrom('：', '，', '（', '）', '｛', '｝', '“', '”', '；', '\u3000', '\uFEFF', '😀', '\uD800', '#', '\\', '\t'),
  fc.constantFrom(' ', ' ', '\n', '\r\n', '\r'),
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.stringMatching(/^\d{1,5}[a-z%:.]?\d{0,2}$/),
);

/** Fragments glued with or without spaces, so keywords run into each other. */
const soup = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const headedSoup = soup.map((s) => `group g\n${s}`);

// ---- damaged policies ----

type Mutation =
  | { op: 'delete' | 'duplicate'; at: number; size: number; tokenSized: boolean }
  | { op: 'insert'; at: number; text: string }
  | { op: 'swap'; at: number; other: number; size: number; tokenSized: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), at: fc.nat(), size: fc.integer({ min: 1, max: 12 }), tokenSized: fc.boolean() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fragment }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat(), size: fc.integer({ min: 1, max: 8 }), tokenSized: fc.boolean() }),
);

/** A slice to damage: a whole token (with the space before it) or a few characters. */
function sliceAt(text: string, at: number, size: number, tokenSized: boolean): [number, number] {
  if (text.length === 0) return [0, 0];
  if (tokenSized) {
    const tokens = tokenize(text).tokens;
    const tok = tokens[at % Math.max(tokens.length, 1)];
    if (tok) return [tok.startOffset, tok.startOffset + tok.image.length];
  }
  const start = at % text.length;
  return [start, Math.min(text.length, start + size)];
}

function mutate(text: string, m: Mutation): string {
  switch (m.op) {
    case 'insert': {
      const at = text.length === 0 ? 0 : m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      const [s, e] = sliceAt(text, m.at, m.size, m.tokenSized);
      return text.slice(0, s) + text.slice(e);
    }
    case 'duplicate': {
      const [s, e] = sliceAt(text, m.at, m.size, m.tokenSized);
      return text.slice(0, e) + text.slice(s, e) + text.slice(e);
    }
    case 'swap': {
      const [s1, e1] = sliceAt(text, m.at, m.size, m.tokenSized);
      const [s2, e2] = sliceAt(text, m.other, m.size, m.tokenSized);
      if (e1 <= s2) return text.slice(0, s1) + text.slice(s2, e2) + text.slice(e1, s2) + text.slice(s1, e1) + text.slice(e2);
      if (e2 <= s1) return text.slice(0, s2) + text.slice(s1, e1) + text.slice(e2, s1) + text.slice(s2, e2) + text.slice(e1);
      return text; // overlapping slices: leave as is
    }
  }
}

const damaged = fc
  .record({ file: fc.constantFrom(...corpus), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
  .map(({ file, mutations }) => mutations.reduce(mutate, file.text));

describe('parse on arbitrary input', () => {
  it('has a corpus to damage', () => {
    expect(corpus.length).toBeGreaterThan(0);
    for (const file of corpus) expect(parse(file.text).diagnostics, file.name).toEqual([]);
  });

  it('never throws and keeps every range inside the text, for random strings', () => {
    fc.assert(fc.property(soup, (text) => checkParse(text)), { numRuns: 500 * SCALE });
  });

  it('never throws and keeps every range inside the text, for random strings after a header', () => {
    fc.assert(fc.property(headedSoup, (text) => checkParse(text)), { numRuns: 400 * SCALE });
  });

  it('never throws and keeps every range inside the text, for damaged policies', () => {
    fc.assert(fc.property(damaged, (text) => checkParse(text)), { numRuns: 400 * SCALE });
  });
});

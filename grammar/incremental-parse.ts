// Re-parsing a file after an edit without re-parsing what the edit did not touch.
// The admin UI checks the open file on every keystroke and hands over the files it
// extends each time; a 10,000-line policy takes tens of milliseconds to lex, parse
// and build, while the declaration being typed in takes a fraction of one.
//
// The text is cut into chunks at lines that start (in column 1) with a keyword that
// opens a declaration; the first chunk holds the header. Each chunk is lexed and
// parsed on its own, and a chunk whose text was seen in the previous parse reuses
// that parse's AST, moved to where the chunk now starts. The answer is the answer
// `parseWhole` gives for the whole text, for these reasons:
//  - no token can cross such a line start (only white space and `[ X ]` may hold a
//    line break, and neither reaches a letter that starts a keyword), so the chunks'
//    tokens are the whole text's tokens;
//  - a chunk other than the first is parsed by the same `file` rule behind a made-up
//    header, so its declarations are read exactly as the whole file's MANY reads them;
//  - no declaration can go on past a line that starts with a declaration keyword
//    (none of them may continue a complete declaration), so the whole parse starts a
//    declaration at each chunk start too.
// Whenever a chunk has any lexing or parsing error, recovery could have read across
// chunks differently, so the whole text is parsed by `parseWhole` instead: the fast path
// only ever serves text without syntax errors. test/grammar/incremental-parse.test.ts
// compares the two on edited policies.
import { createTokenInstance, tokenMatcher, type CstNode, type IToken } from 'chevrotain';
import type * as A from './ast.js';
import { buildModule } from './build-ast.js';
import { tokenize } from './lexer.js';
import { parseWhole, type ParseResult } from './parse-whole.js';
import { exactParser, parseTokens } from './parser.js';
import { SourceText } from './source-text.js';
import { fullWidthDiagnostics, unterminatedStringDiagnostics } from './syntax-errors.js';
import * as t from './tokens.js';

export interface IncrementalParser {
  /** The same result as `parse(text)`; reuses the previous call's work for unchanged declarations. */
  parse(text: string): ParseResult;
}

interface Chunk {
  /** Where the chunk started when it was parsed. */
  offset: number;
  line: number;
  /** The header, for the first chunk only. */
  header?: A.Header;
  declarations: A.Declaration[];
  comments: IToken[];
}

/** A fresh parser with an empty memory; keep one per file being edited. */
export function incrementalParser(): IncrementalParser {
  let previous = new Map<string, Chunk>();
  return {
    parse(text) {
      const next = new Map<string, Chunk>();
      const result = parseByChunks(text, previous, next);
      // Only the chunks of the latest text are remembered, so memory follows the file's size.
      previous = result ? next : new Map();
      return result ?? parseWhole(text);
    },
  };
}

/**
 * `parse(text)` read a declaration at a time with nothing remembered; undefined when the text has
 * any syntax error (`parse` then reads it whole). Declarations written twice are read once.
 */
export function parseInChunks(text: string): ParseResult | undefined {
  return parseByChunks(text, new Map(), new Map());
}

let boundary: RegExp | undefined;

/** A line that starts with a keyword opening a declaration (read from the grammar, so new declarations count). */
function boundaryPattern(): RegExp {
  if (boundary) return boundary;
  const starts = exactParser()
    .computeContentAssist('declaration', [])
    .map((path) => path.nextTokenType);
  const words = t.keywords
    .filter((kw) => starts.some((start) => tokenMatcher(createTokenInstance(kw, '', 0, 0, 0, 0, 0, 0), start)))
    .map((kw) => String(kw.name).slice('Kw_'.length));
  // Not followed by a character that would make the word part of a longer name.
  boundary = new RegExp(`(?:${words.join('|')})(?![A-Za-z0-9_\\-\\u00C0-\\uFFFF])`, 'y');
  return boundary;
}

/** Chunk start offsets: 0, then every line start where a declaration keyword stands. */
function chunkStarts(text: string): number[] {
  const starts = [0];
  const pattern = boundaryPattern();
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    pattern.lastIndex = i + 1;
    if (pattern.test(text)) starts.push(i + 1);
  }
  return starts;
}

function parseByChunks(text: string, previous: Map<string, Chunk>, next: Map<string, Chunk>): ParseResult | undefined {
  const source = new SourceText(text);
  const starts = chunkStarts(text);
  const declarations: A.Declaration[] = [];
  const comments: IToken[] = [];
  let header: A.Header | undefined;
  for (let i = 0; i < starts.length; i++) {
    const offset = starts[i] as number;
    const end = starts[i + 1] ?? text.length;
    // The first chunk's key is marked: the same text parsed as a header chunk is not a declaration chunk.
    const key = i === 0 ? `\u0000${text.slice(offset, end)}` : text.slice(offset, end);
    const line = source.position(offset).line;
    let chunk = next.get(key) ?? previous.get(key);
    if (!chunk) {
      chunk = parseChunk(text.slice(offset, end), offset, line, i === 0, source);
      if (!chunk) return undefined;
    }
    if (!next.has(key)) next.set(key, chunk);
    const placed = chunk.offset === offset && chunk.line === line ? chunk : moved(chunk, offset - chunk.offset, line - chunk.line);
    if (placed.header) header = placed.header;
    declarations.push(...placed.declarations);
    comments.push(...placed.comments);
  }
  if (!header) return undefined;
  return { value: { kind: 'Module', header, declarations, range: source.range(0, text.length) }, comments, diagnostics: [], source };
}

/** Lexes and parses one chunk where it stands in `source`; undefined when it has any error. */
function parseChunk(chunkText: string, offset: number, line: number, first: boolean, source: SourceText): Chunk | undefined {
  const lexed = tokenize(chunkText);
  if (lexed.errors.length > 0) return undefined;
  if (fullWidthDiagnostics(lexed.tokens, source).length > 0 || unterminatedStringDiagnostics(lexed.tokens, source).length > 0) return undefined;
  const comments = lexed.groups['comments'] ?? [];
  for (const tok of lexed.tokens) place(tok, offset, line - 1);
  for (const tok of comments) place(tok, offset, line - 1);
  const tokens = first ? lexed.tokens : [...madeUpHeader(), ...lexed.tokens];
  const { cst, parser } = parseTokens(tokens, exactParser());
  if (parser.errors.length > 0) return undefined;
  const module = buildModule(cst as CstNode, source);
  const chunk: Chunk = { offset, line, declarations: module.declarations, comments };
  if (first) chunk.header = module.header;
  return chunk;
}

/** `group _`: makes a declaration chunk a file, so its declarations are parsed in the file's own repetition. */
function madeUpHeader(): IToken[] {
  return [createTokenInstance(t.Group, 'group', NaN, NaN, NaN, NaN, NaN, NaN), createTokenInstance(t.Identifier, '_', NaN, NaN, NaN, NaN, NaN, NaN)];
}

function place(tok: IToken, offset: number, lines: number): void {
  tok.startOffset += offset;
  if (tok.endOffset !== undefined) tok.endOffset += offset;
  if (tok.startLine !== undefined) tok.startLine += lines;
  if (tok.endLine !== undefined) tok.endLine += lines;
}

/** A copy of a chunk's AST and comments moved by `offset` characters and `lines` lines (columns stay: chunks start lines). */
function moved(chunk: Chunk, offset: number, lines: number): Chunk {
  const out: Chunk = {
    offset: chunk.offset + offset,
    line: chunk.line + lines,
    declarations: chunk.declarations.map((d) => shifted(d, offset, lines)),
    comments: chunk.comments.map((tok) => {
      const copy = { ...tok };
      place(copy, offset, lines);
      return copy;
    }),
  };
  if (chunk.header) out.header = shifted(chunk.header, offset, lines);
  return out;
}

/**
 * A deep copy of AST data with every position moved; the AST is plain objects, arrays and
 * primitives, and its positions are only ever a node's `range` (ast.ts: `Node.range`, the one
 * place `Range` and `Position` are used), so no other object is tested for being one.
 */
function shifted<T>(value: T, offset: number, lines: number): T {
  if (typeof value !== 'object' || value === null) return value;
  return (Array.isArray(value) ? shiftedArray(value, offset, lines) : shiftedObject(value as Record<string, unknown>, offset, lines)) as T;
}

// The copy runs over every declaration after an edit, on every keystroke: plain loops, no
// closure per node, primitives copied without a call, and every node's `range` (always a
// Range of two positions, ast.ts) made directly.
function shiftedArray(a: readonly unknown[], offset: number, lines: number): unknown[] {
  const out = new Array<unknown>(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'object' || v === null) out[i] = v;
    else out[i] = Array.isArray(v) ? shiftedArray(v, offset, lines) : shiftedObject(v as Record<string, unknown>, offset, lines);
  }
  return out;
}

function shiftedObject(o: Record<string, unknown>, offset: number, lines: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in o) {
    const v = o[key];
    if (typeof v !== 'object' || v === null) copy[key] = v;
    else if (key === 'range') copy[key] = shiftedRange(v as A.Range, offset, lines);
    else copy[key] = Array.isArray(v) ? shiftedArray(v, offset, lines) : shiftedObject(v as Record<string, unknown>, offset, lines);
  }
  return copy;
}

function shiftedRange(r: A.Range, offset: number, lines: number): A.Range {
  const s = r.start;
  const e = r.end;
  // `| 0`: small-integer fields, as in build-values.ts Ranges (a double would be boxed per field).
  return {
    start: { line: (s.line + lines) | 0, column: s.column | 0, offset: (s.offset + offset) | 0 },
    end: { line: (e.line + lines) | 0, column: e.column | 0, offset: (e.offset + offset) | 0 },
  };
}

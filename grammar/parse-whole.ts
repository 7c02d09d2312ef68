// text -> tokens -> CST -> AST, each a named step, over the whole text at once.
// User mistakes become diagnostics; parseWhole never throws on any input.
// parse (parse.ts) answers the same, a declaration at a time when it can.
import type { IToken } from 'chevrotain';
import type { Module } from './ast.js';
import { buildModule } from './build-ast.js';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { tokenize } from './lexer.js';
import { parseTokens } from './parser.js';
import { SourceText } from './source-text.js';
import { fullWidthDiagnostics, lexingDiagnostics, parsingDiagnostics, unterminatedStringDiagnostics } from './syntax-errors.js';

export interface ParseResult {
  value: Module;
  /** Comment tokens in source order, for the formatter. */
  comments: IToken[];
  diagnostics: Diagnostic[];
  source: SourceText;
}

/** The whole text lexed, parsed and built in one go: what `parse` answers, for any text. */
export function parseWhole(text: string): ParseResult {
  const source = new SourceText(text);
  const lexed = tokenize(text);
  const { cst, parser } = parseTokens(lexed.tokens);
  // In source order, whichever step found them.
  const diagnostics = sortDiagnostics([
    ...lexingDiagnostics(lexed.errors, source),
    ...fullWidthDiagnostics(lexed.tokens, source),
    ...unterminatedStringDiagnostics(lexed.tokens, source),
    ...parsingDiagnostics(parser.errors, source),
  ]);
  return { value: buildModule(cst, source), comments: lexed.groups['comments'] ?? [], diagnostics, source };
}

// text -> tokens -> CST -> AST, each a named step. User mistakes become
// diagnostics; parse never throws on any input.
import type { IToken } from 'chevrotain';
import type { Module } from './ast.js';
import { buildModule } from './build-ast.js';
import type { Diagnostic } from './diagnostics.js';
import { tokenize } from './lexer.js';
import { parseTokens } from './parser.js';
import { SourceText } from './source-text.js';
import { lexingDiagnostics, parsingDiagnostics, unterminatedStringDiagnostics } from './syntax-errors.js';

export interface ParseResult {
  value: Module;
  /** Comment tokens in source order, for the formatter. */
  comments: IToken[];
  diagnostics: Diagnostic[];
  source: SourceText;
}

export function parse(text: string): ParseResult {
  const source = new SourceText(text);
  const lexed = tokenize(text);
  const { cst, parser } = parseTokens(lexed.tokens);
  const diagnostics = [
    ...lexingDiagnostics(lexed.errors, source),
    ...unterminatedStringDiagnostics(lexed.tokens, source),
    ...parsingDiagnostics(parser.errors, source),
  ];
  return { value: buildModule(cst, source), comments: lexed.groups['comments'] ?? [], diagnostics, source };
}

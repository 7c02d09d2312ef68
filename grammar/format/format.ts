// The canonical layout of a .sla file, printed from the AST (never by
// patching the source text). Rules, each owned by one module:
//   printer.ts  - one item per line, 2-space indentation, target tables aligned;
//   values.ts   - canonical values and conditions (literals.ts for numbers);
//   comments.ts - every comment kept, beside or above the item it belongs to;
//   spacing.ts  - blank lines: the writer's, collapsed to one; blocks set apart;
//   layout.ts   - rendering: comment columns, long conditions wrapped.
// The rules in prose are in README.md. Runs in the browser: no Node-only APIs.
import type { IToken } from 'chevrotain';
import type { Module } from '../ast.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { parse, type ParseResult } from '../parse.js';
import type { SourceText } from '../source-text.js';
import { attachComments, sourceComments } from './comments.js';
import { render } from './layout.js';
import { layoutModule } from './printer.js';
import { separateBlocks } from './spacing.js';
import { faithful } from './verify.js';

export interface FormatResult {
  /** The canonical text; absent when the source has a syntax error. */
  value?: string;
  diagnostics: Diagnostic[];
}

/** Prints a parsed module with its comments (`parse(text).comments`) in canonical layout. */
export function formatModule(module: Module, comments: readonly IToken[], source: SourceText): string {
  const root = layoutModule(module, source);
  attachComments(root, sourceComments(comments, source));
  separateBlocks(root);
  return render(root);
}

/**
 * Formats a policy. Broken code is never formatted: with any error-severity
 * diagnostic the result has no `value`. Never throws. Should the formatter
 * itself fail to reproduce the same AST and comments (a bug), it also gives no
 * `value`, and no error diagnostic, rather than text that means something else.
 */
export function format(text: string): FormatResult {
  let parsed: ParseResult;
  try {
    parsed = parse(text);
  } catch {
    return { diagnostics: [] };
  }
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  try {
    const value = formatModule(parsed.value, parsed.comments, parsed.source);
    return faithful(parsed, value) ? { value, diagnostics: parsed.diagnostics } : { diagnostics: parsed.diagnostics };
  } catch {
    return { diagnostics: parsed.diagnostics };
  }
}

// text -> AST with diagnostics. User mistakes become diagnostics; parse never
// throws on any input.
//
// A text without syntax errors is read a declaration at a time (incremental-parse.ts
// says why that gives the same answer): each declaration's tokens and CST are garbage
// as soon as its AST is built, where the whole text's tokens and CST would all stay
// alive until the end, and collecting them was most of a large file's parse time.
// A text with any syntax error is read whole (parse-whole.ts), as error recovery
// may read across declarations.
import { parseInChunks } from './incremental-parse.js';
import { parseWhole, type ParseResult } from './parse-whole.js';

export type { ParseResult } from './parse-whole.js';

export function parse(text: string): ParseResult {
  return parseInChunks(text) ?? parseWhole(text);
}

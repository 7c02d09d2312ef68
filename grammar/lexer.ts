// The lexer, built once from the ordered token list in tokens.ts.
import { Lexer, type ILexingResult } from 'chevrotain';
import { allTokens } from './tokens.js';

let instance: Lexer | undefined;

export function tokenize(text: string): ILexingResult {
  // ensureOptimizations would throw if a token lost the first-character
  // optimisation; that would silently make every parse slower.
  instance ??= new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });
  return instance.tokenize(text);
}

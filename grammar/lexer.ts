// The lexer, built once from the ordered token list in tokens.ts.
import { Lexer, type ILexingResult } from 'chevrotain';
import { allTokens } from './tokens.js';

let instance: Lexer | undefined;

// ensureOptimizations would throw if a token lost the first-character
// optimisation; that would silently make every parse slower. The pattern
// validations cost half the lexer's construction at every start and say the
// same for the same tokens: skipped here, run by validateLexer in the tests.
const CONFIG = { positionTracking: 'full', ensureOptimizations: true } as const;

export function tokenize(text: string): ILexingResult {
  instance ??= new Lexer(allTokens, { ...CONFIG, skipValidations: true });
  return instance.tokenize(text);
}

/** Builds the lexer with Chevrotain's pattern validations on: throws on a defective token list. For tests. */
export function validateLexer(): void {
  new Lexer(allTokens, CONFIG);
}

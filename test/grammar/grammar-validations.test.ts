// The shipped lexer and parser skip Chevrotain's definition validations to start
// faster (grammar/lexer.ts, grammar/parser-expressions.ts); these run them, so a
// grammar or token defect still fails the tests.
import { Lexer, createToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { validateLexer } from '../../grammar/lexer.js';
import { validateGrammar } from '../../grammar/parser.js';

describe('definition validations', () => {
  it('finds no defect in the token list', () => {
    expect(() => validateLexer()).not.toThrow();
  });

  it('finds no ambiguity or other defect in the grammar', () => {
    expect(() => validateGrammar()).not.toThrow();
  });

  it('are the kind that throw on a defect (so the two tests above can fail)', () => {
    // A token that can match the empty string is a definition error Chevrotain validates.
    const empty = createToken({ name: 'Empty', pattern: /a*/ });
    expect(() => new Lexer([empty], { positionTracking: 'full' })).toThrow(/empty/i);
  });
});

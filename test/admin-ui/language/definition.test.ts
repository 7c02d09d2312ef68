import { describe, expect, it } from 'vitest';
import { definitionAt } from '../../../admin-ui/src/language/index.js';
import { at, GROUP_PATH, PROPERTY, PROPERTY_PATH, RELATED } from './fixtures.js';

function definition(needle: string, shift: number) {
  const { line, column } = at(PROPERTY, needle, shift);
  return definitionAt(PROPERTY, PROPERTY_PATH, RELATED, line, column);
}

describe('go to definition', () => {
  it('goes up the extends chain to the group that declares a clock', () => {
    expect(definition('expect contact', 8)).toEqual({ path: GROUP_PATH, range: { startLine: 7, startColumn: 1, endLine: 14, endColumn: 2 } });
  });

  it("goes to the group's header from extends", () => {
    expect(definition('demo-group', 2)?.path).toBe(GROUP_PATH);
  });

  it('goes to the group member for a category written in a test ticket', () => {
    expect(definition('category: engineering', 12)).toEqual({ path: GROUP_PATH, range: { startLine: 2, startColumn: 14, endLine: 2, endColumn: 32 } });
  });

  it('goes to the group that declares a parameter the property only fills', () => {
    expect(definition('param contact_within', 8)?.path).toBe(GROUP_PATH);
  });

  it('finds nothing on a keyword', () => {
    expect(definition('ticket {', 2)).toBeUndefined();
  });
});

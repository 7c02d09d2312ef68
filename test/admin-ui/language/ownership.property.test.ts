import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingRange, type OwnedRange } from '../../../admin-ui/src/language/index.js';

describe('which edits a read-only range blocks', () => {
  const range: OwnedRange = { startLine: 1, startColumn: 11, endLine: 1, endColumn: 21, startOffset: 10, endOffset: 20, owner: 'quality', section: 'penalties' };

  it('blocks exactly the edits that would change the section text (model: apply the edit and look for the section)', () => {
    const section = 'PQRSTUVWXY';
    const text = `${'a'.repeat(10)}${section}${'b'.repeat(20)}`;
    fc.assert(
      fc.property(fc.nat(40), fc.nat(10), fc.string({ minLength: 1, maxLength: 3 }).filter((s) => !/[P-Y]/.test(s)), (start, length, inserted) => {
        const end = Math.min(text.length, start + length);
        const after = text.slice(0, start) + inserted + text.slice(end);
        expect(blockingRange([range], start, end) !== undefined).toBe(!after.includes(section));
      }),
    );
  });
});

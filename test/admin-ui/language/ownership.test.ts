import { describe, expect, it } from 'vitest';
import { parse } from '../../../grammar/index.js';
import { blockingRange, ownerOfDeclaration, readOnlyRanges, type OwnedRange } from '../../../admin-ui/src/language/index.js';
import { ownerOf, sectionOf } from '../../../server/policy-versions.js';
import { GROUP, PROPERTY } from './fixtures.js';

const sections = (role: Parameters<typeof readOnlyRanges>[1], text = GROUP) => readOnlyRanges(parse(text).value, role).map((r) => r.section);

describe('read-only ranges by role', () => {
  it('gives a manager the warnings and penalties, read-only', () => {
    expect(sections('manager')).toEqual(['warning blue', 'penalties']);
  });

  it('gives quality the header, parameters and clocks (targets), read-only, and leaves tests to anyone', () => {
    expect(sections('quality')).toEqual(['header', 'enum', 'enum', 'enum', 'enum', 'param contact_within', 'clock contact']);
    expect(sections('quality', PROPERTY)).toEqual(['header', 'param contact_within', 'clock contact']);
  });

  it('leaves everything to an admin and nothing to a viewer', () => {
    expect(sections('admin')).toEqual([]);
    const viewer = readOnlyRanges(parse(GROUP).value, 'viewer');
    expect(viewer).toHaveLength(1);
    expect(viewer[0]).toMatchObject({ startOffset: 0, endOffset: GROUP.length });
  });

  it('covers the declaration exactly, in editor and offset terms', () => {
    const [warning] = readOnlyRanges(parse(GROUP).value, 'manager');
    const start = GROUP.indexOf('warning blue');
    expect(warning).toMatchObject({ startOffset: start, endOffset: GROUP.indexOf('}\npenalties') + 1, startLine: 15, startColumn: 1, endLine: 18, endColumn: 2, owner: 'quality' });
  });

  it("agrees with the server's ownership rule for every declaration (the server decides)", () => {
    for (const text of [GROUP, PROPERTY]) {
      for (const d of parse(text).value.declarations) expect(ownerOfDeclaration(d)).toBe(ownerOf(sectionOf(d)));
    }
  });
});

describe('which edits a read-only range blocks', () => {
  const range: OwnedRange = { startLine: 1, startColumn: 11, endLine: 1, endColumn: 21, startOffset: 10, endOffset: 20, owner: 'quality', section: 'penalties' };

  it('blocks typing inside and any deletion touching it, not typing at its edges or outside', () => {
    expect(blockingRange([range], 15, 15)).toBe(range);
    expect(blockingRange([range], 19, 20)).toBe(range);
    expect(blockingRange([range], 5, 11)).toBe(range);
    expect(blockingRange([range], 10, 10)).toBeUndefined();
    expect(blockingRange([range], 20, 20)).toBeUndefined();
    expect(blockingRange([range], 20, 25)).toBeUndefined();
    expect(blockingRange([range], 0, 10)).toBeUndefined();
  });
});

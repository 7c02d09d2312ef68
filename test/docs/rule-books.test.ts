// docs/rule-books.md maps every clause of the five rule books to the rule that encodes it,
// as `policies/<file>.sla:LINE` plus the declaration. These tests keep each reference true,
// require every clock and warning of the group to be listed, and pin the --fix rewriting of
// scripts/rule-books-refs.ts that refreshes the line numbers after edits and merges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declarationLine, findRefs, fixRefs, staleRefs } from '../../scripts/rule-books-refs.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const doc = readFileSync(join(root, 'docs/rule-books.md'), 'utf8');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('docs/rule-books.md', () => {
  it('has references, and each line holds the declaration it names', () => {
    expect(findRefs(doc).length).toBeGreaterThan(50);
    expect(staleRefs(doc, read).map((s) => `${s.ref.file}:${s.ref.line} ${s.ref.declaration} (now ${s.actual ?? 'missing'})`)).toEqual([]);
  });

  it('lists every clock, warning level and duty of the group', () => {
    const group = read('policies/group.sla');
    const declared = [...group.matchAll(/^(clock|warning|duty) (\w+)/gm)].map((m) => `${m[1]} ${m[2]}`);
    const referenced = new Set(findRefs(doc).map((r) => r.declaration));
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((d) => !referenced.has(d))).toEqual([]);
  });

  it('has a section for each of the five rule books, by number and title', () => {
    for (const title of ['000《物业报事管理制度》', '001《物业管理服务标准与投诉处理方案》', '002《投诉处理及回访制度》', '003《物业上门服务标准及流程》', '004《集团客服信息平台物业服务类信息管理办法》']) {
      expect(doc).toContain(`## ${title}`);
    }
  });

  it('names no path outside the repository', () => {
    expect(doc).not.toMatch(/\/work\/|shared\/domain|\.txt\b/);
  });
});

describe('scripts/rule-books-refs.ts', () => {
  const source = ['group g "G"', '', 'clock review_late "x" {', '}', 'clock review "y" {', '}', 'flags {', '  second "s"', '}'].join('\n');
  const files = (f: string) => (f === 'policies/g.sla' ? source : '');

  it('finds a declaration by its first line, not by a longer name that starts the same', () => {
    expect(declarationLine(source, 'clock review')).toBe(5);
    expect(declarationLine(source, 'clock review_late')).toBe(3);
    expect(declarationLine(source, 'second')).toBe(8);
    expect(declarationLine(source, 'clock nowhere')).toBeUndefined();
  });

  it('rewrites stale line numbers from the declaration names and leaves true ones alone', () => {
    const before = 'a `policies/g.sla:3` `clock review`, b `policies/g.sla:3` `clock review_late`, c `policies/g.sla:12` `second`.';
    expect(staleRefs(before, files).map((s) => [s.ref.line, s.actual])).toEqual([
      [3, 5],
      [12, 8],
    ]);
    const { text, missing } = fixRefs(before, files);
    expect(text).toBe('a `policies/g.sla:5` `clock review`, b `policies/g.sla:3` `clock review_late`, c `policies/g.sla:8` `second`.');
    expect(missing).toEqual([]);
    expect(staleRefs(text, files)).toEqual([]);
  });

  it('reports a declaration that no longer exists and leaves its number as it was', () => {
    const before = 'x `policies/g.sla:7` `clock gone`';
    const { text, missing } = fixRefs(before, files);
    expect(text).toBe(before);
    expect(missing.map((m) => m.ref.declaration)).toEqual(['clock gone']);
  });
});

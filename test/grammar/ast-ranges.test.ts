import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type * as A from '../../grammar/ast.js';
import { parse } from '../../grammar/parse.js';

const README = readFileSync(new URL('../../grammar/README.md', import.meta.url), 'utf8');
const README_EXAMPLE = /```sla\n([\s\S]*?)```/.exec(README)?.[1] ?? '';

interface AnyNode {
  kind: string;
  range: A.Range;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).kind === 'string' && typeof (value as AnyNode).range === 'object';
}

/** Every node of the tree, each with the node that holds it. */
function walk(node: AnyNode, parent?: AnyNode, out: { node: AnyNode; parent?: AnyNode }[] = []): { node: AnyNode; parent?: AnyNode }[] {
  out.push(parent ? { node, parent } : { node });
  for (const [key, child] of Object.entries(node)) {
    if (key === 'range') continue;
    for (const item of Array.isArray(child) ? child : [child]) if (isNode(item)) walk(item, node, out);
  }
  return out;
}

/** Line and column computed independently of SourceText: \n, \r\n and \r each end a line. */
function expectedPosition(text: string, offset: number): A.Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

function slice(text: string, range: A.Range): string {
  return text.slice(range.start.offset, range.end.offset);
}

function checkRanges(text: string): void {
  const { value } = parse(text);
  for (const { node } of walk(value as unknown as AnyNode)) {
    const { start, end } = node.range;
    expect(start.offset, node.kind).toBeGreaterThanOrEqual(0);
    expect(end.offset, node.kind).toBeLessThanOrEqual(text.length);
    expect(start.offset, node.kind).toBeLessThanOrEqual(end.offset);
    expect(start, node.kind).toEqual(expectedPosition(text, start.offset));
    expect(end, node.kind).toEqual(expectedPosition(text, end.offset));
  }
}

/** The first node of a kind (in tree order) whose text is `text`. */
function findNode(text: string, kind: string, nth = 0): AnyNode {
  const { value } = parse(text);
  const found = walk(value as unknown as AnyNode)
    .map((n) => n.node)
    .filter((n) => n.kind === kind)[nth];
  expect(found, `no ${kind} #${nth}`).toBeDefined();
  return found as AnyNode;
}

function textOf(text: string, kind: string, nth = 0): string {
  return slice(text, findNode(text, kind, nth).range);
}

describe('AST ranges', () => {
  describe('in the README example', () => {
    it('lie inside the text, with start before end and line and column agreeing with the offset', () => {
      checkRanges(README_EXAMPLE);
    });

    it('still agree when lines end with CRLF', () => {
      checkRanges(README_EXAMPLE.replace(/\n/g, '\r\n'));
    });

    it('still agree when lines end with a lone CR', () => {
      checkRanges(README_EXAMPLE.replace(/\n/g, '\r'));
    });

    it('cover exactly the text of every name', () => {
      const { value } = parse(README_EXAMPLE);
      const names = walk(value as unknown as AnyNode).filter((n) => n.node.kind === 'Name');
      expect(names.length).toBeGreaterThan(50);
      for (const { node } of names) expect(slice(README_EXAMPLE, node.range)).toBe(node['text']);
    });

    it('cover exactly the quoted text of every string', () => {
      const { value } = parse(README_EXAMPLE);
      for (const { node } of walk(value as unknown as AnyNode).filter((n) => n.node.kind === 'String')) {
        expect(slice(README_EXAMPLE, node.range)).toBe(`"${node['value'] as string}"`);
      }
    });

    it('cover exactly the text of times, dates and date-times', () => {
      const { value } = parse(README_EXAMPLE);
      const literals = walk(value as unknown as AnyNode).filter((n) => ['Time', 'Date', 'DateTime'].includes(n.node.kind));
      expect(literals.length).toBeGreaterThan(5);
      for (const { node } of literals) expect(slice(README_EXAMPLE, node.range)).toBe(node['text']);
    });

    it('nest: every node lies within the node that holds it', () => {
      const { value } = parse(README_EXAMPLE);
      for (const { node, parent } of walk(value as unknown as AnyNode)) {
        if (!parent) continue;
        expect(node.range.start.offset, `${node.kind} in ${parent.kind}`).toBeGreaterThanOrEqual(parent.range.start.offset);
        expect(node.range.end.offset, `${node.kind} in ${parent.kind}`).toBeLessThanOrEqual(parent.range.end.offset);
      }
    });

    it('agree for every node of the shipped group policy, where positions are shared between nodes', () => {
      const text = readFileSync(new URL('../../policies/group.sla', import.meta.url), 'utf8');
      checkRanges(text);
      checkRanges(text.replace(/\n/g, '\r\n'));
    });

    it('give a node and its first and last parts the same position objects, so a large file keeps fewer of them', () => {
      // Positions are shared (build-values.ts Ranges): a parent and its first part start at one
      // Position. Nothing may change one in place; the check above holds every one to its offset.
      const { value } = parse(README_EXAMPLE);
      const positions = walk(value as unknown as AnyNode).flatMap(({ node }) => [node.range.start, node.range.end]);
      const distinct = new Set(positions).size;
      expect(distinct).toBeLessThan(positions.length * 0.75);
      const target = findNode(README_EXAMPLE, 'TargetRow');
      const value0 = target['value'] as AnyNode;
      expect((value0['value'] as AnyNode).range.start).toBe(value0.range.start);
    });

    it('give the module the whole text', () => {
      const { value } = parse(README_EXAMPLE);
      expect(value.range.start.offset).toBe(0);
      expect(value.range.end.offset).toBe(README_EXAMPLE.length);
    });

    it('start each declaration at its keyword and end it at its last token', () => {
      const { value } = parse(README_EXAMPLE);
      const firstWords = value.declarations.map((d) => slice(README_EXAMPLE, d.range).split(/\s/)[0]);
      expect(firstWords).toEqual([
        'use',
        'zone',
        'calendar',
        'calendar',
        'categories',
        'tiers',
        'events',
        'roles',
        'flags',
        'attribute',
        'attribute',
        'param',
        'param',
        'param',
        'final',
        'clock',
        'clock',
        'clock',
        'clock',
        'clock',
        'warning',
        'warning',
        'repeats',
        'penalties',
        'compliance',
        'duty',
        'test',
      ]);
      for (const d of value.declarations) expect(slice(README_EXAMPLE, d.range)).not.toMatch(/\s$/);
    });
  });

  describe('of single constructs', () => {
    it('cover a header from its level to its parent', () => {
      const text = 'property sunrise-garden "朝阳" extends huayu\nparam x = 1';
      expect(textOf(text, 'Header')).toBe('property sunrise-garden "朝阳" extends huayu');
    });

    it('cover a parameter from param to its value', () => {
      const text = 'group g\nparam revisit_within: workdays = 2 workdays // note';
      expect(textOf(text, 'Param')).toBe('param revisit_within: workdays = 2 workdays');
      expect(textOf(text, 'Workdays')).toBe('2 workdays');
    });

    it('cover a negative quantity with its sign', () => {
      expect(textOf('group g\nparam x = -15m', 'Duration')).toBe('-15m');
    });

    it('cover points with their unit', () => {
      expect(textOf('group g\npenalties { blue 0.2 points, red 1 point }', 'Points', 1)).toBe('1 point');
    });

    it('cover a member from its name to its label, without the comma', () => {
      expect(textOf('group g\ncategories { engineering "工程维修", other }', 'Member')).toBe('engineering "工程维修"');
      expect(textOf('group g\ncategories { engineering "工程维修", other }', 'Member', 1)).toBe('other');
    });

    it('cover service hours and each interval', () => {
      const text = 'group g\ncalendar c { mon-fri 08:30-12:00, 13:30-17:30 }';
      expect(textOf(text, 'Hours')).toBe('mon-fri 08:30-12:00, 13:30-17:30');
      expect(textOf(text, 'TimeRange', 1)).toBe('13:30-17:30');
    });

    it('cover a holiday range with its label', () => {
      expect(textOf('group g\ncalendar c { holiday 2026-10-01..2026-10-07 "国庆" }', 'Holiday')).toBe('holiday 2026-10-01..2026-10-07 "国庆"');
    });

    it('cover target rows and their cell keys', () => {
      const text = 'group g\nclock c { target {\n  */urgent: 15m\n  engineering/urgent: 10m\n} }';
      expect(textOf(text, 'TargetRow')).toBe('*/urgent: 15m');
      expect(textOf(text, 'TargetRow', 1)).toBe('engineering/urgent: 10m');
      expect(textOf(text, 'Target')).toBe('target {\n  */urgent: 15m\n  engineering/urgent: 10m\n}');
    });

    it('cover a relative target from its offset to its anchor', () => {
      expect(textOf('group g\nclock c { target 5m before appointmentAt }', 'Relative')).toBe('5m before appointmentAt');
    });

    it('cover every and daily targets from their keyword', () => {
      expect(textOf('group g\nclock c { target every 1h }', 'Every')).toBe('every 1h');
      expect(textOf('group g\nclock c { target daily by 17:00 }', 'Daily')).toBe('daily by 17:00');
    });

    it('cover conditions, calls and lists', () => {
      const text = 'group g\nwarning w { when overdue(resolve) >= 3d or not kind in (a, b) }';
      expect(textOf(text, 'When')).toBe('when overdue(resolve) >= 3d or not kind in (a, b)');
      expect(textOf(text, 'Or')).toBe('overdue(resolve) >= 3d or not kind in (a, b)');
      expect(textOf(text, 'Comparison')).toBe('overdue(resolve) >= 3d');
      expect(textOf(text, 'Call')).toBe('overdue(resolve)');
      expect(textOf(text, 'Not')).toBe('not kind in (a, b)');
      expect(textOf(text, 'List')).toBe('(a, b)');
    });

    it('cover a test and its items', () => {
      const text = 'group g\ntest "t" {\n  ticket { event accepted at 2026-03-02T08:05+08:00 }\n  expect contact due 2026-03-02T08:15+08:00\n}';
      expect(textOf(text, 'TicketEvent')).toBe('event accepted at 2026-03-02T08:05+08:00');
      expect(textOf(text, 'ExpectClock')).toBe('expect contact due 2026-03-02T08:15+08:00');
      expect(textOf(text, 'Test').endsWith('}')).toBe(true);
    });

    it('count columns in UTF-16 code units, as offsets do', () => {
      // "𠀀" is one character but two UTF-16 code units, like Monaco counts.
      const text = 'group g\ncategories { 工程维修 "𠀀", other }';
      const other = findNode(text, 'Name', 2);
      expect(other['text']).toBe('other');
      expect(other.range.start).toEqual({ line: 2, column: 25, offset: 32 });
      expect(other.range.end).toEqual({ line: 2, column: 30, offset: 37 });
    });
  });

  describe('after error recovery', () => {
    it.each([
      ['a missing value', 'group g\nparam x =\nparam y = 1'],
      ['a missing name', 'group g\nclock { start a }'],
      ['a missing target', 'group g\nclock c { target }'],
      ['a missing condition', 'group g\nwarning w { when }'],
      ['an unclosed block', 'group g\nclock c { target { */urgent: 15m'],
      ['a missing header', 'param x = 1'],
      ['an empty file', ''],
      ['a missing clock state', 'group g\ntest "t" { expect contact }'],
      ['junk between declarations', 'group g\nfoo bar\nparam y = 1'],
      ['an unterminated string', 'group g\nzone "Asia'],
    ])('stay inside the text with %s', (_, text) => {
      checkRanges(text);
    });

    it('give invented names empty text over an empty range', () => {
      const { value } = parse('group g\nclock { start a }\ntest "t" { expect contact }');
      const names = walk(value as unknown as AnyNode).filter((n) => n.node.kind === 'Name');
      for (const { node } of names) expect(slice('group g\nclock { start a }\ntest "t" { expect contact }', node.range)).toBe(node['text']);
      expect(names.some((n) => n.node['text'] === '')).toBe(true);
    });
  });
});

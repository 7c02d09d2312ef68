import { describe, expect, it } from 'vitest';
import { completionsAt } from '../../../admin-ui/src/language/index.js';
import { at, PROPERTY_PATH, RELATED } from './fixtures.js';

function labels(text: string, kind?: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const lines = text.split('\n');
  const items = completionsAt(text, PROPERTY_PATH, RELATED, lines.length, (lines[lines.length - 1] as string).length + 1, locale);
  return items.filter((i) => kind === undefined || i.kind === kind);
}

const HEADER = 'property demo "演示花园" extends demo-group\n';

describe('completion', () => {
  it('offers the header keywords in an empty file', () => {
    expect(labels('').map((i) => i.label).sort()).toEqual(['branch', 'group', 'library', 'property']);
  });

  it('offers only the clock items inside a clock, from the grammar', () => {
    const keywords = labels(`${HEADER}clock contact {\n  `, 'keyword').map((i) => i.label).sort();
    expect(keywords).toEqual(['advisory', 'applies', 'calendar', 'pause', 'restart', 'resume', 'start', 'stop', 'target', 'update', 'when']);
  });

  it('offers only the duty items inside a duty', () => {
    const keywords = labels(`${HEADER}duty weekly_summary {\n  `, 'keyword').map((i) => i.label).sort();
    expect(keywords).toEqual(['advisory', 'calendar', 'daily', 'every', 'monthly', 'owner', 'warning']);
  });

  it('offers every declaration keyword between declarations', () => {
    const keywords = labels(`${HEADER}param x = 1\n`, 'keyword').map((i) => i.label);
    expect(keywords).toEqual(expect.arrayContaining(['clock', 'warning', 'penalties', 'duty', 'test', 'param', 'calendar']));
    expect(keywords).not.toContain('start');
  });

  it('offers the events, with their Chinese labels, after a clock role', () => {
    const items = labels(`${HEADER}clock contact {\n  stop `);
    expect(items.map((i) => i.label).sort()).toEqual(['accepted', 'contacted', 'resolved']);
    expect(items.find((i) => i.label === 'contacted')?.detail).toBe('联系 · 事件');
  });

  it('offers tiers after the slash of a target cell and categories before it', () => {
    expect(labels(`${HEADER}clock contact {\n  target {\n    engineering/`).map((i) => i.label).sort()).toEqual(['general', 'urgent']);
    expect(labels(`${HEADER}clock contact {\n  target {\n    `).filter((i) => i.kind !== 'keyword').map((i) => i.label).sort()).toEqual(['cleaning', 'engineering']);
  });

  it('offers the group and branch ids after extends', () => {
    const items = labels('property demo "演示花园" extends ');
    expect(items.map((i) => i.label)).toContain('demo-group');
  });

  it('replaces the word being typed', () => {
    const text = `${HEADER}clock contact {\n  st`;
    const items = labels(text, 'keyword');
    const start = items.find((i) => i.label === 'start');
    expect(start?.range).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 5 });
  });

  it('offers the parameters where a value may stand, with the detail in English when asked', () => {
    const items = labels(`${HEADER}param contact_within = 30m\nclock contact {\n  target {\n    *: `, 'param', 'en');
    expect(items.map((i) => i.label)).toEqual(['contact_within']);
    expect(items[0]?.detail).toBe('接单后联系时限 · parameter');
  });

  it('finds the cursor from a line and column in the middle of a text', () => {
    const text = `${HEADER}clock contact {\n  stop \n}\n`;
    const { line, column } = at(text, 'stop ', 5);
    expect(completionsAt(text, PROPERTY_PATH, RELATED, line, column).map((i) => i.label)).toContain('contacted');
  });
});

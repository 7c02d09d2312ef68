import { describe, expect, it } from 'vitest';
import { parse } from '../../../grammar/index.js';
import { outline } from '../../../admin-ui/src/language/index.js';
import { GROUP, PROPERTY } from './fixtures.js';

describe('the outline', () => {
  it('lists parameters, clocks, warnings, penalties and tests with their labels, in source order', () => {
    expect(outline(parse(GROUP).value).map((i) => [i.kind, i.name, i.detail])).toEqual([
      ['param', 'contact_within', '接单后联系时限'],
      ['clock', 'contact', '联系报事人'],
      ['warning', 'blue', '蓝色预警'],
      ['penalties', 'penalties', ''],
    ]);
    expect(outline(parse(PROPERTY).value).map((i) => [i.kind, i.name])).toEqual([
      ['param', 'contact_within'],
      ['clock', 'contact'],
      ['test', '紧急报修'],
    ]);
  });

  it('selects the name and spans the whole declaration', () => {
    const clock = outline(parse(GROUP).value).find((i) => i.kind === 'clock');
    expect(clock?.selectionRange).toEqual({ startLine: 7, startColumn: 7, endLine: 7, endColumn: 14 });
    expect(clock?.range).toEqual({ startLine: 7, startColumn: 1, endLine: 14, endColumn: 2 });
  });
});

import { describe, expect, it } from 'vitest';
import { households, parseUnits, propertyList, unitsText } from '../../../../admin-ui/src/app/admin/admin-forms.js';

describe('propertyList', () => {
  it('splits on commas (either width), 、 and spaces, dropping blanks and repeats', () => {
    expect(propertyList(' jinxiu-garden，xinghe-tower、 jinxiu-garden ,, ')).toEqual(['jinxiu-garden', 'xinghe-tower']);
    expect(propertyList('')).toEqual([]);
  });
});

describe('parseUnits', () => {
  it('reads "id name" lines, a name with spaces included, and reads back', () => {
    const text = 'jinxiu-garden/engineering 工程部\n\n jinxiu-garden/service  Customer service ';
    const parsed = parseUnits(text);
    expect(parsed).toEqual({ units: [{ id: 'jinxiu-garden/engineering', name: '工程部' }, { id: 'jinxiu-garden/service', name: 'Customer service' }] });
    expect(parseUnits(unitsText((parsed as { units: { id: string; name: string }[] }).units))).toEqual(parsed);
  });
  it('names the first line without a name', () => {
    expect(parseUnits('a 甲\nlonely\nb 乙')).toEqual({ badLine: 2 });
    expect(parseUnits(`${'x'.repeat(201)} name`)).toEqual({ badLine: 1 });
  });
});

describe('households', () => {
  it('takes a whole number, 0 or more, and nothing else', () => {
    expect(households(' 1200 ')).toBe(1200);
    expect(households('0')).toBe(0);
    for (const bad of ['-1', '1.5', '', '1e3', '12345678901']) expect(households(bad), bad).toBeUndefined();
  });
});

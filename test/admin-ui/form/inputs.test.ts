import { describe, expect, it } from 'vitest';
import { parseDuration, parsePercent, parsePoints, parseTarget, parseWorkdays } from '../../../admin-ui/src/form/inputs.js';

describe('parseDuration', () => {
  it.each([
    ['90m', '90m'],
    ['2h', '2h'],
    ['1d', '1d'],
    [' 1h 30m ', '1h30m'],
    ['30min', '30min'],
    ['1.5H', '1.5h'],
    ['2小时', '2h'],
    ['30分钟', '30m'],
    ['3天', '3d'],
  ])('accepts %j as %j', (input, text) => expect(parseDuration(input)).toEqual({ ok: true, text }));

  it.each([
    ['', 'empty'],
    ['90', 'duration'],
    ['2 hours', 'duration'],
    ['h2', 'duration'],
    ['-1h', 'duration'],
    ['0m', 'zero'],
    ['3651d', 'tooLong'],
  ])('refuses %j (%s)', (input, problem) => expect(parseDuration(input)).toEqual({ ok: false, problem }));
});

describe('the other kinds of value', () => {
  it('working days are whole and spelled as the formatter does', () => {
    expect(parseWorkdays('1')).toEqual({ ok: true, text: '1 workday' });
    expect(parseWorkdays('2个工作日')).toEqual({ ok: true, text: '2 workdays' });
    expect(parseWorkdays('0')).toEqual({ ok: false, problem: 'zero' });
    expect(parseWorkdays('2.5')).toEqual({ ok: false, problem: 'workdays' });
  });

  it('percent and points', () => {
    expect(parsePercent('5')).toEqual({ ok: true, text: '5%' });
    expect(parsePercent('0.1%')).toEqual({ ok: true, text: '0.1%' });
    expect(parsePoints('1')).toEqual({ ok: true, text: '1 point' });
    expect(parsePoints('0.28 points')).toEqual({ ok: true, text: '0.28 points' });
    expect(parsePoints('0.125')).toEqual({ ok: false, problem: 'points' });
  });

  it('a target may name a parameter that holds a length', () => {
    const params = new Map([
      ['contact_within', 'duration'],
      ['households', 'count'],
    ]);
    expect(parseTarget('contact_within', params)).toEqual({ ok: true, text: 'contact_within' });
    expect(parseTarget('households', params)).toEqual({ ok: false, problem: 'target' });
    expect(parseTarget('3 workdays', params)).toEqual({ ok: true, text: '3 workdays' });
    expect(parseTarget('every 1h', params)).toEqual({ ok: false, problem: 'target' });
  });
});

// Service time across daylight-saving changes: a wall time that does not exist
// serves nothing, a wall time that happens twice serves twice.
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../../../engine/calendar/index.js';
import { at, dates, day, show, spec, weekly } from './helpers.js';

const BER = 'Europe/Berlin';
const NY = 'America/New_York';

describe('Europe/Berlin, 2026-03-29 (02:00 becomes 03:00)', () => {
  const early = createBusinessCalendar(spec(BER, weekly('mon-sun 01:00-04:00')));
  it('loses the hour that does not exist', () => {
    expect(early.serviceMinutesBetween(at('2026-03-28T00:00', BER), at('2026-03-29T00:00', BER))).toBe(180);
    expect(early.serviceMinutesBetween(at('2026-03-29T00:00', BER), at('2026-03-30T00:00', BER))).toBe(120);
    expect(early.serviceIntervalsOn(day('2026-03-29')).map((s) => [show(s.start, BER), show(s.end, BER)])).toEqual([
      ['2026-03-29T01:00+01:00', '2026-03-29T04:00+02:00'],
    ]);
  });
  it('runs straight over the gap', () => {
    expect(show(early.addServiceMinutes(at('2026-03-29T01:30+01:00'), 60), BER)).toBe('2026-03-29T03:30+02:00');
  });
  it('gives a working day whose hours fall in the gap no service, ending it at the next midnight', () => {
    const gap = createBusinessCalendar(spec(BER, weekly('mon-fri 02:00-03:00'), { workdays: dates('2026-03-29') }));
    expect(gap.serviceIntervalsOn(day('2026-03-29'))).toEqual([]);
    expect(show(gap.endOfNthWorkingDayAfter(at('2026-03-28T12:00+01:00'), 1), BER)).toBe('2026-03-30T00:00+02:00');
    expect(show(gap.endOfNthWorkingDayAfter(at('2026-03-28T12:00+01:00'), 2), BER)).toBe('2026-03-30T03:00+02:00');
  });
  it('keeps office hours on wall time', () => {
    const office = createBusinessCalendar(spec(BER, weekly('mon-fri 09:00-17:00')));
    expect(show(office.addServiceMinutes(at('2026-03-27T16:00+01:00'), 120), BER)).toBe('2026-03-30T10:00+02:00');
    expect(office.serviceMinutesBetween(at('2026-03-27T16:00+01:00'), at('2026-03-30T10:00+02:00'))).toBe(120);
  });
});

describe('Europe/Berlin, 2026-10-25 (03:00 becomes 02:00)', () => {
  const early = createBusinessCalendar(spec(BER, weekly('mon-sun 01:00-02:30, 02:30-04:00')));
  it('counts the repeated hour twice', () => {
    expect(early.serviceMinutesBetween(at('2026-10-25T00:00', BER), at('2026-10-26T00:00', BER))).toBe(240);
    expect(early.serviceIntervalsOn(day('2026-10-25')).map((s) => [show(s.start, BER), show(s.end, BER)])).toEqual([
      ['2026-10-25T01:00+02:00', '2026-10-25T04:00+01:00'],
    ]);
  });
  it('counts an interval inside the repeated hour on both passes', () => {
    const half = createBusinessCalendar(spec(BER, weekly('sun 02:15-02:45')));
    const pieces = half.serviceIntervalsOn(day('2026-10-25'));
    expect(pieces.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()])).toEqual([
      ['2026-10-25T00:15:00.000Z', '2026-10-25T00:45:00.000Z'],
      ['2026-10-25T01:15:00.000Z', '2026-10-25T01:45:00.000Z'],
    ]);
    expect(show(half.addServiceMinutes(at('2026-10-25T00:00Z'), 45), BER)).toBe('2026-10-25T02:30+01:00');
  });
});

describe('America/New_York', () => {
  const allDay = createBusinessCalendar(spec(NY, weekly('mon-sun 00:00-24:00')));
  it('has a 23-hour day in March and a 25-hour day in November', () => {
    expect(allDay.serviceMinutesBetween(at('2026-03-08T00:00', NY), at('2026-03-09T00:00', NY))).toBe(23 * 60);
    expect(allDay.serviceMinutesBetween(at('2026-11-01T00:00', NY), at('2026-11-02T00:00', NY))).toBe(25 * 60);
  });
  it('ends a working day at the next local midnight', () => {
    const office = createBusinessCalendar(spec(NY, weekly('mon-fri 00:00-24:00')));
    expect(show(office.endOfNthWorkingDayAfter(at('2026-11-01T01:30-04:00'), 1), NY)).toBe('2026-11-03T00:00-05:00');
    expect(office.workingDaysBetween(at('2026-11-01T01:30-05:00'), at('2026-11-03T00:00-05:00'))).toBe(1);
  });
  it('places office hours on the new offset after the change', () => {
    const office = createBusinessCalendar(spec(NY, weekly('mon-fri 08:00-17:00')));
    expect(show(office.addServiceMinutes(at('2026-03-06T16:00-05:00'), 120), NY)).toBe('2026-03-09T09:00-04:00');
    expect(show(office.endOfNthWorkingDayAfter(at('2026-10-30T10:00-04:00'), 1), NY)).toBe('2026-11-02T17:00-05:00');
  });
});

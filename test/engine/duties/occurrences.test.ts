// Occurrences of a duty, each expected value worked out from the calendar by hand:
// 2026-12-01 is a Tuesday, so December 2026's Fridays are the 4th, 11th, 18th and 25th;
// 2026-10-01 is a Thursday, and the 2026 National Day holiday runs 10-01..10-07 with
// Saturday 10-10 a make-up working day.
import { describe, expect, it } from 'vitest';
import { dutyOccurrence, dutyOccurrences, MAX_RANGE_DAYS } from '../../../engine/index.js';
import { createBusinessCalendar } from '../../../engine/calendar/index.js';
import { dates, spec, weekly } from '../calendar/helpers.js';
import { duty, ms } from './helpers.js';

const ZONE = 'Asia/Shanghai';
const workweek = createBusinessCalendar(
  spec(ZONE, weekly('mon-fri 08:30-17:30'), { holidays: dates('2026-10-01..2026-10-07', '国庆节'), workdays: dates('2026-10-10') }),
);

describe('dutyOccurrences', () => {
  it('puts a weekly Friday 17:00 duty on each Friday of the month (004 第十条(一)3(4))', () => {
    const friday = duty({ every: 'weekly', weekday: 5, by: 17 * 60 });
    const got = dutyOccurrences(friday, ZONE, ms('2026-12-01T00:00:00+08:00'), ms('2027-01-01T00:00:00+08:00'));
    expect(got.map((o) => o.key)).toEqual(['2026-12-04', '2026-12-11', '2026-12-18', '2026-12-25']);
    expect(got[0]!.dueMs).toBe(ms('2026-12-04T17:00:00+08:00'));
    expect(got.every((o) => o.dueDay === o.key)).toBe(true);
  });

  it('keeps the range half-open on the due instant: due at `to` is left out, due at `from` kept', () => {
    const friday = duty({ every: 'weekly', weekday: 5, by: 17 * 60 });
    const at = ms('2026-12-04T17:00:00+08:00');
    expect(dutyOccurrences(friday, ZONE, at, at + 1).map((o) => o.key)).toEqual(['2026-12-04']);
    expect(dutyOccurrences(friday, ZONE, at - 60_000, at)).toEqual([]);
  });

  it('clamps a monthly day 31 to the last day of shorter months', () => {
    const monthEnd = duty({ every: 'monthly', day: 31, by: 9 * 60 });
    const got = dutyOccurrences(monthEnd, ZONE, ms('2026-01-01T00:00:00+08:00'), ms('2026-07-01T00:00:00+08:00'));
    expect(got.map((o) => o.key)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    const leap = dutyOccurrences(duty({ every: 'monthly', day: 30, by: 0 }), ZONE, ms('2028-02-01T00:00:00+08:00'), ms('2028-03-01T00:00:00+08:00'));
    expect(leap.map((o) => o.key)).toEqual(['2028-02-29']);
  });

  it('moves a due day without service to the next working day, same minute', () => {
    const friday = duty({ every: 'weekly', weekday: 5, by: 17 * 60 }, { calendar: 'workweek' });
    const got = dutyOccurrences(friday, ZONE, ms('2026-09-28T00:00:00+08:00'), ms('2026-10-17T00:00:00+08:00'), workweek);
    // Friday 10-02 is a holiday: due Thursday 10-08, the first working day after the break.
    expect(got.map((o) => [o.key, o.dueDay])).toEqual([
      ['2026-10-02', '2026-10-08'],
      ['2026-10-09', '2026-10-09'],
      ['2026-10-16', '2026-10-16'],
    ]);
    expect(got[0]!.dueMs).toBe(ms('2026-10-08T17:00:00+08:00'));
    // The same duty without the calendar stays on the holiday.
    const plain = dutyOccurrences(friday, ZONE, ms('2026-09-28T00:00:00+08:00'), ms('2026-10-17T00:00:00+08:00'));
    expect(plain[0]!.dueDay).toBe('2026-10-02');
  });

  it('finds an occurrence moved into the range from a nominal day before it', () => {
    const friday = duty({ every: 'weekly', weekday: 5, by: 17 * 60 });
    const got = dutyOccurrences(friday, ZONE, ms('2026-10-08T00:00:00+08:00'), ms('2026-10-09T00:00:00+08:00'), workweek);
    expect(got.map((o) => o.key)).toEqual(['2026-10-02']);
  });

  it('keeps a daily duty on a make-up Saturday and moves Sunday to Monday', () => {
    const daily = duty({ every: 'daily', by: 10 * 60 });
    const got = dutyOccurrences(daily, ZONE, ms('2026-10-10T00:00:00+08:00'), ms('2026-10-13T00:00:00+08:00'), workweek);
    expect(got.map((o) => [o.key, o.dueDay])).toEqual([
      ['2026-10-10', '2026-10-10'],
      ['2026-10-11', '2026-10-12'],
      ['2026-10-12', '2026-10-12'],
    ]);
  });

  it('follows the local clock across a DST change (America/New_York, 2026-03-08)', () => {
    const daily = duty({ every: 'daily', by: 9 * 60 });
    const got = dutyOccurrences(daily, 'America/New_York', ms('2026-03-07T00:00:00-05:00'), ms('2026-03-09T00:00:00-04:00'));
    expect(got.map((o) => new Date(o.dueMs).toISOString())).toEqual(['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z']);
  });

  it('refuses a range that runs backwards, is not finite or is too long', () => {
    const daily = duty({ every: 'daily', by: 0 });
    expect(() => dutyOccurrences(daily, ZONE, 10, 5)).toThrow(RangeError);
    expect(() => dutyOccurrences(daily, ZONE, 0, Number.NaN)).toThrow(RangeError);
    expect(() => dutyOccurrences(daily, ZONE, 0, (MAX_RANGE_DAYS + 1) * 86_400_000)).toThrow(RangeError);
  });
});

describe('dutyOccurrence', () => {
  it('finds the occurrence of a scheduled date and nothing for another date', () => {
    const friday = duty({ every: 'weekly', weekday: 5, by: 17 * 60 });
    expect(dutyOccurrence(friday, ZONE, '2026-10-02', workweek)).toEqual({ dutyId: 'summary', key: '2026-10-02', dueDay: '2026-10-08', dueMs: ms('2026-10-08T17:00:00+08:00') });
    expect(dutyOccurrence(friday, ZONE, '2026-10-01', workweek)).toBeUndefined();
    expect(dutyOccurrence(friday, ZONE, '2026-02-30')).toBeUndefined();
  });
});

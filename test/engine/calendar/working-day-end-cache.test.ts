// WorkingCalendar keeps each working day's end in a 1024-slot direct-mapped table keyed by
// `day & 1023` (commit b576d73). Dates 1024 days apart share a slot, so a calendar asked
// about one and then the other must notice the slot holds another date, not answer with
// it. Asked through the public API only: endOfNthWorkingDayAfter and workingDaysBetween
// are the two readers of that table. Instants are Asia/Shanghai unless said otherwise.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, type BusinessCalendar, type CalendarSpec } from '../../../engine/calendar/index.js';
import { at, dates, day, show, spec, weekly } from './helpers.js';

const SH = 'Asia/Shanghai';
const DAY = 86_400_000;
const SLOTS = 1024;

// Every weekday ends at a different hour, so two dates of one slot (1024 days apart is
// 146 weeks and 2 days: a Monday's partner is a Wednesday) never share an end time of day.
const HOURS = weekly('mon 09:00-12:00', 'tue 09:00-18:00', 'wed 08:00-20:00', 'thu-fri 09:00-17:30');

// 2026-03-02 (Monday, slot 34) shares its slot with 2028-12-20 (Wednesday) and
// 2023-05-13 (a Saturday, made a make-up day: Monday's hours). 2028-12-21 (Thursday,
// slot 35 like 2026-03-03) is a holiday, so the 1st working day after 2028-12-20 is Friday.
const SHANGHAI: CalendarSpec = spec(SH, HOURS, { holidays: dates('2028-12-21', '假日'), workdays: dates('2023-05-13', '调休') });

describe('working-day ends of dates that share a slot', () => {
  it('the slot really is shared: the dates are 1024 days apart', () => {
    expect(day('2028-12-20') - day('2026-03-02')).toBe(SLOTS);
    expect(day('2026-03-02') - day('2023-05-13')).toBe(SLOTS);
  });

  it('endOfNthWorkingDayAfter, asked in alternation, gives each date its own end', () => {
    const cal = createBusinessCalendar(SHANGHAI);
    const asks: [string, string][] = [
      ['2026-03-01T10:00+08:00', '2026-03-02T12:00+08:00'], // Sunday -> Monday, ends 12:00
      ['2028-12-19T10:00+08:00', '2028-12-20T20:00+08:00'], // Tuesday -> Wednesday, ends 20:00
      ['2023-05-12T10:00+08:00', '2023-05-13T12:00+08:00'], // Friday -> make-up Saturday, Monday's hours
      ['2028-12-20T10:00+08:00', '2028-12-22T17:30+08:00'], // Wednesday -> (Thursday a holiday) Friday
      ['2026-03-03T10:00+08:00', '2026-03-04T20:00+08:00'], // slot of 2028-12-22's partner 2026-03-04
    ];
    // Three rounds: the first fills the slots, the later ones find a slot holding the other date.
    for (let round = 0; round < 3; round++) {
      for (const [from, end] of asks) expect(show(cal.endOfNthWorkingDayAfter(at(from), 1), SH), `${from} round ${round}`).toBe(end);
    }
  });

  it('workingDaysBetween, asked in alternation at 15:00, counts a date only once its own end has come', () => {
    const cal = createBusinessCalendar(SHANGHAI);
    // From 10:00 the day before to 15:00 of the date: the make-up Saturday (ended 12:00)
    // counts, Monday (ended 12:00) counts, Wednesday (ends 20:00) does not yet. Earliest
    // first: a slot answering with another date's end would answer with a later one.
    const asks: [string, string, number][] = [
      ['2023-05-12T10:00+08:00', '2023-05-13T15:00+08:00', 1],
      ['2026-03-01T10:00+08:00', '2026-03-02T15:00+08:00', 1],
      ['2028-12-19T10:00+08:00', '2028-12-20T15:00+08:00', 0],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [a, b, n] of asks) expect(cal.workingDaysBetween(at(a), at(b)), `${a}..${b} round ${round}`).toBe(n);
    }
  });
});

describe('a long-lived calendar answers as a fresh one does', () => {
  // A zone with daylight saving as well, so the same wall-clock end is a different UTC offset.
  const LONDON: CalendarSpec = spec('Europe/London', weekly('mon-thu 08:00-17:00', 'fri 08:00-13:00', 'sat 10:00-11:00'), {
    holidays: [...dates('2026-03-04'), ...dates('2028-12-22'), ...dates('2031-10-10'), ...dates('2023-05-15')],
    workdays: [...dates('2026-03-07'), ...dates('2028-12-23')],
  });
  const kept = new Map<CalendarSpec, BusinessCalendar>([
    [SHANGHAI, createBusinessCalendar(SHANGHAI)],
    [LONDON, createBusinessCalendar(LONDON)],
  ]);

  // Days of a few slot families (an anchor plus whole multiples of 1024 days, 1916 to 2138)
  // so that asks keep landing on slots another date filled; and some days anywhere.
  const ANCHORS = [day('2026-03-01'), day('2026-03-02'), day('2026-03-03'), day('2026-03-05'), day('2023-05-12')];
  const family = fc.tuple(fc.constantFrom(...ANCHORS), fc.integer({ min: -40, max: 40 })).map(([a, j]) => a + j * SLOTS);
  const anyDay = fc.integer({ min: day('1901-01-01'), max: day('2990-01-01') });
  const instant = fc.tuple(fc.oneof(family, family, anyDay), fc.integer({ min: 0, max: DAY - 1 })).map(([d, ms]) => d * DAY + ms);
  const ask = fc.record({
    spec: fc.constantFrom(SHANGHAI, LONDON),
    from: instant,
    n: fc.integer({ min: 0, max: 12 }),
    spanMinutes: fc.integer({ min: 0, max: 20 * 1440 }),
  });

  it('endOfNthWorkingDayAfter and workingDaysBetween over random instants', () => {
    fc.assert(
      fc.property(fc.array(ask, { minLength: 1, maxLength: 12 }), (asks) => {
        // `kept` lives across all runs and asks, so its tables fill and collide; each
        // answer is checked against a calendar built for that one question.
        for (const { spec: s, from, n, spanMinutes } of asks) {
          const cal = kept.get(s)!;
          expect(cal.endOfNthWorkingDayAfter(from, n)).toBe(createBusinessCalendar(s).endOfNthWorkingDayAfter(from, n));
          const to = from + spanMinutes * 60_000;
          expect(cal.workingDaysBetween(from, to)).toBe(createBusinessCalendar(s).workingDaysBetween(from, to));
        }
      }),
      { numRuns: 300 },
    );
  });
});

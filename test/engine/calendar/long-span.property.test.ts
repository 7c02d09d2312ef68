// Business time over long spans (anything in the supported range 1970-2199) against
// slow references: service minutes as the sum of the same calendar's answers over
// consecutive spans of at most a year, each measured on a calendar of its own; working
// days by walking the local dates one by one and asking whether each is a working day
// and has ended. Spans cross zone tables built in pieces (islands) and the weekly
// sampling of zone offsets; the zones include daylight saving and past offset changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, type CalendarSpec, type LocalInterval } from '../../../engine/calendar/index.js';

const DAY = 86_400_000;
const FIRST = Date.UTC(1970, 0, 1);
const END = Date.UTC(2200, 0, 1);
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Tehran'] as const;

const interval = fc
  .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 20 }))
  .map(([from, len]) => [from * 30, Math.min(1440, from * 30 + len * 30)] as LocalInterval);
const weeklyHours = fc.array(fc.array(interval, { maxLength: 2 }), { minLength: 7, maxLength: 7 }).map((days) =>
  days.map((d) => {
    // Disjoint and sorted, as the checker guarantees.
    const sorted = [...d].sort((x, y) => x[0] - y[0]);
    return sorted.filter((x, i) => i === 0 || x[0] >= (sorted[i - 1] as LocalInterval)[1]);
  }),
);
const holidayDays = fc.array(fc.integer({ min: Math.floor(FIRST / DAY), max: Math.floor(END / DAY) - 1 }), { maxLength: 20 });

const calendarSpec = fc.record({ zone: fc.constantFrom(...ZONES), weekly: weeklyHours, holidays: holidayDays }).map(
  ({ zone, weekly, holidays }): CalendarSpec => ({ zone, always: false, weekly, holidays: [...new Set(holidays)].map((day) => ({ day })), workdays: [] }),
);
const span = fc.tuple(fc.integer({ min: FIRST, max: END - 1 }), fc.integer({ min: FIRST, max: END - 1 })).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [number, number]);

describe('business time over long spans', () => {
  it('measures a span as the sum of its pieces of at most a year', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(calendarSpec, span, (spec, [a, b]) => {
        const whole = createBusinessCalendar(spec).serviceMinutesBetween(a, b);
        let sum = 0;
        for (let from = a; from < b; ) {
          const to = Math.min(b, from + 366 * DAY);
          sum += createBusinessCalendar(spec).serviceMinutesBetween(from, to);
          from = to;
        }
        expect(whole).toBeCloseTo(sum, 3);
      }),
      { numRuns: 6 },
    );
  });

  it('counts the working days of a span as a walk over its local dates does', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(calendarSpec, span, (spec, [a, b]) => {
        const cal = createBusinessCalendar(spec);
        const reference = createBusinessCalendar(spec);
        let count = 0;
        for (let day = reference.localDay(a) + 1; day <= reference.localDay(b); day++) {
          if (!reference.isWorkingDay(day)) continue;
          const pieces = reference.serviceIntervalsOn(day);
          const ends = pieces.length > 0 ? (pieces[pieces.length - 1] as { end: number }).end : reference.instantOf(day + 1, 0);
          if (ends <= b) count++;
        }
        expect(cal.workingDaysBetween(a, b)).toBe(count);
      }),
      { numRuns: 4 },
    );
  });
});

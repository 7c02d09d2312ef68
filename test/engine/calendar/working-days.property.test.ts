// Working days in closed form (engine/calendar/working-days.ts) against a plain walk over
// the local dates, one by one, on random calendars (holidays and make-up days anywhere,
// some on the same date, some on weekends or weekdays) and random spans of up to 230 years.
// The reference knows only the rule text: a make-up day, or Monday..Friday, and not a holiday.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, isoWeekday, type CalendarSpec, type SkippedRun } from '../../../engine/calendar/index.js';
import { DayRules } from '../../../engine/calendar/spec.js';
import { weekdaysIn, WorkingDays } from '../../../engine/calendar/working-days.js';
import { weekly } from './helpers.js';

const DAY = 86_400_000;
const FIRST_DAY = 0; // 1970-01-01
const LAST_DAY = Math.floor(Date.UTC(2200, 0, 1) / DAY) - 1;
const LABELS = [undefined, '春节', '国庆节'] as const;

/** Special dates cluster in a few years, as real tables do, plus strays anywhere. */
const specialDays = fc.array(
  fc.record({
    day: fc.oneof(fc.integer({ min: 20_454, max: 20_454 + 800 }), fc.integer({ min: FIRST_DAY, max: LAST_DAY })),
    label: fc.constantFrom(...LABELS),
  }),
  { maxLength: 60 },
);

const calendarSpec = fc
  .record({
    holidays: specialDays,
    workdays: specialDays,
    // Dates listed as both (the checker forbids it, C702; the engine lets the holiday win).
    both: fc.array(fc.integer({ min: 20_454, max: 20_454 + 800 }), { maxLength: 4 }),
    hours: fc.constantFrom('mon-fri 09:00-18:00', 'mon-sun 00:00-24:00', 'sat 10:00-12:00'),
  })
  .map(
    ({ holidays, workdays, both, hours }): CalendarSpec => ({
      zone: 'UTC',
      always: false,
      weekly: weekly(hours),
      holidays: [...holidays, ...both.map((day) => ({ day, label: undefined }))].map(({ day, label }) => (label === undefined ? { day } : { day, label })),
      workdays: [...both.map((day) => ({ day, label: undefined })), ...workdays].map(({ day, label }) => (label === undefined ? { day } : { day, label })),
    }),
  );

/** The rule as written, with the first label of a date winning as in DayRules. */
function reference(spec: CalendarSpec) {
  const holidays = new Map<number, string | undefined>();
  const makeups = new Set<number>();
  for (const d of spec.holidays) if (!holidays.has(d.day)) holidays.set(d.day, d.label);
  for (const d of spec.workdays) makeups.add(d.day);
  const working = (day: number) => !holidays.has(day) && (makeups.has(day) || isoWeekday(day) <= 5);
  return {
    working,
    count(from: number, to: number): number {
      let n = 0;
      for (let day = from; day <= to; day++) if (working(day)) n++;
      return n;
    },
    nthAfter(after: number, n: number): number {
      let day = after;
      for (let seen = 0; seen < n; ) if (working(++day)) seen++;
      return day;
    },
    skipped(from: number, to: number): SkippedRun[] {
      const runs: SkippedRun[] = [];
      for (let day = from; day <= to; day++) {
        const kind = holidays.has(day) ? 'holiday' : !makeups.has(day) && isoWeekday(day) > 5 ? 'weekend' : undefined;
        if (!kind) continue;
        const label = kind === 'holiday' ? holidays.get(day) : undefined;
        const prev = runs[runs.length - 1];
        if (prev && prev.to === day - 1 && prev.kind === kind && prev.label === label) prev.to = day;
        else runs.push(label === undefined ? { from: day, to: day, kind } : { from: day, to: day, kind, label });
      }
      return runs;
    },
  };
}

const span = fc.tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), fc.integer({ min: FIRST_DAY, max: LAST_DAY })).map(([x, y]) => (x <= y ? [x, y] : [y, x]) as [number, number]);
/** Spans near the clustered tables, where most special dates fall. */
const nearSpan = fc.tuple(fc.integer({ min: 20_400, max: 21_300 }), fc.integer({ min: 0, max: 400 })).map(([x, len]) => [x, x + len] as [number, number]);
const anySpan = fc.oneof(span, nearSpan);

describe('working days in closed form', () => {
  it('counts Monday..Friday by week arithmetic as a walk does', () => {
    fc.assert(
      fc.property(anySpan, ([from, to]) => {
        let n = 0;
        for (let day = from; day <= to; day++) if (isoWeekday(day) <= 5) n++;
        expect(weekdaysIn(from, to)).toBe(n);
        expect(weekdaysIn(to + 1, to)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('counts the working days of a span as a day-by-day walk does', () => {
    fc.assert(
      fc.property(calendarSpec, anySpan, (spec, [from, to]) => {
        expect(new WorkingDays(new DayRules(spec)).count(from, to)).toBe(reference(spec).count(from, to));
      }),
      { numRuns: 200 },
    );
  });

  it('finds the nth working day after a date as a day-by-day walk does', () => {
    fc.assert(
      fc.property(calendarSpec, fc.integer({ min: 20_400, max: 21_300 }), fc.integer({ min: 1, max: 3000 }), (spec, after, n) => {
        expect(new WorkingDays(new DayRules(spec)).nthAfter(after, n)).toBe(reference(spec).nthAfter(after, n));
      }),
      { numRuns: 200 },
    );
  });

  it('reports skipped holidays and weekends in the runs a walk finds, and holidays alone when asked', () => {
    fc.assert(
      fc.property(calendarSpec, fc.oneof(nearSpan, span.filter(([a, b]) => b - a < 20_000)), (spec, [from, to]) => {
        const cal = createBusinessCalendar(spec);
        const runs = reference(spec).skipped(from, to);
        // [a, b) touches the dates from..to: a at the first's midnight, b just after the last's.
        const a = from * DAY;
        const b = (to + 1) * DAY;
        expect(cal.skippedDays(a, b)).toEqual(runs);
        expect(cal.skippedDays(a, b, 'holiday')).toEqual(runs.filter((r) => r.kind === 'holiday'));
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with the walk on workingDaysBetween and endOfNthWorkingDayAfter, to the instant', () => {
    fc.assert(
      fc.property(calendarSpec, anySpan, fc.integer({ min: 0, max: DAY - 1 }), fc.integer({ min: 0, max: DAY - 1 }), (spec, [from, to], da, db) => {
        const cal = createBusinessCalendar(spec);
        const ref = reference(spec);
        const ends = (day: number) => {
          const pieces = cal.serviceIntervalsOn(day);
          return pieces.length > 0 ? (pieces[pieces.length - 1] as { end: number }).end : (day + 1) * DAY;
        };
        const a = from * DAY + da;
        const b = to * DAY + db;
        // Working days after a's date that have ended by b.
        const expected = b <= a ? 0 : ref.count(from + 1, to - 1) + (to > from && ref.working(to) && ends(to) <= b ? 1 : 0);
        expect(cal.workingDaysBetween(a, b)).toBe(expected);
        const n = Math.min(to - from, 500);
        if (n > 0) expect(cal.endOfNthWorkingDayAfter(a, n)).toBe(ends(ref.nthAfter(from, n)));
      }),
      { numRuns: 150 },
    );
  });
});

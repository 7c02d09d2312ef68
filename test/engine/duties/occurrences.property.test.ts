// Invariants of duty occurrences over random schedules and ranges. The oracle for the
// fixed-offset zones is plain arithmetic on UTC days (Asia/Shanghai is UTC+8 all year,
// Asia/Tokyo UTC+9), independent of the calendar code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dutyOccurrences, type DutySchedule } from '../../../engine/index.js';
import { createBusinessCalendar } from '../../../engine/calendar/index.js';
import { dates, spec, weekly } from '../calendar/helpers.js';
import { duty } from './helpers.js';

const DAY = 86_400_000;
const runs = { numRuns: 300 };
const schedule: fc.Arbitrary<DutySchedule> = fc.oneof(
  fc.record({ every: fc.constant('daily' as const), by: fc.integer({ min: 0, max: 1439 }) }),
  fc.record({ every: fc.constant('weekly' as const), weekday: fc.constantFrom(1, 2, 3, 4, 5, 6, 7) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6 | 7>, by: fc.integer({ min: 0, max: 1439 }) }),
  fc.record({ every: fc.constant('monthly' as const), day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 28, max: 31 })), by: fc.integer({ min: 0, max: 1439 }) }),
);
// 2024-01-01 .. 2029-12-31, ranges up to 120 days.
const range = fc.tuple(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2029, 11, 31) }), fc.integer({ min: 0, max: 120 * DAY })).map(([from, span]) => [from, from + span] as const);

/** The oracle: the due instants of a schedule in a zone `offsetH` hours east of UTC, plain days only. */
function oracle(s: DutySchedule, offsetH: number, from: number, to: number): string[] {
  const out: string[] = [];
  const firstDay = Math.floor((from + offsetH * 3_600_000) / DAY) - 1;
  const lastDay = Math.floor((to + offsetH * 3_600_000) / DAY) + 1;
  for (let d = firstDay; d <= lastDay; d++) {
    const date = new Date(d * DAY);
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    const named = s.every === 'daily' || (s.every === 'weekly' && weekday === s.weekday) || (s.every === 'monthly' && date.getUTCDate() === Math.min(s.day, last));
    const due = d * DAY - offsetH * 3_600_000 + s.by * 60_000;
    if (named && due >= from && due < to) out.push(date.toISOString().slice(0, 10));
  }
  return out;
}

const workweek = createBusinessCalendar(
  spec('Asia/Shanghai', weekly('mon-fri 09:00-18:00'), { holidays: [...dates('2026-10-01..2026-10-07'), ...dates('2027-02-06..2027-02-14')], workdays: dates('2026-10-10') }),
);

describe('dutyOccurrences (properties)', () => {
  it('gives one occurrence per scheduled day, due within the range, as plain day arithmetic says', () => {
    fc.assert(
      fc.property(schedule, range, (s, [from, to]) => {
        const got = dutyOccurrences(duty(s), 'Asia/Shanghai', from, to);
        expect(got.map((o) => o.key)).toEqual(oracle(s, 8, from, to));
        for (const o of got) expect(o.dueMs >= from && o.dueMs < to).toBe(true);
      }),
      runs,
    );
  });

  it('is sorted by due instant with unique keys, also when a calendar moves days', () => {
    fc.assert(
      fc.property(schedule, range, (s, [from, to]) => {
        const got = dutyOccurrences(duty(s), 'Asia/Shanghai', from, to, workweek);
        for (let i = 1; i < got.length; i++) expect(got[i - 1]!.dueMs <= got[i]!.dueMs).toBe(true);
        expect(new Set(got.map((o) => o.key)).size).toBe(got.length);
        for (const o of got) {
          expect(o.dueMs >= from && o.dueMs < to).toBe(true);
          // Moved only forward, onto a working day.
          expect(o.dueDay >= o.key).toBe(true);
          expect(workweek.isWorkingDay(Date.parse(`${o.dueDay}T00:00:00Z`) / DAY)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('gives the same dates in two zones without DST, due one hour apart', () => {
    fc.assert(
      fc.property(schedule, range, (s, [from, to]) => {
        const shanghai = dutyOccurrences(duty(s), 'Asia/Shanghai', from, to);
        const tokyo = dutyOccurrences(duty(s), 'Asia/Tokyo', from - 3_600_000, to - 3_600_000);
        expect(tokyo.map((o) => o.key)).toEqual(shanghai.map((o) => o.key));
        expect(tokyo.map((o) => o.dueMs + 3_600_000)).toEqual(shanghai.map((o) => o.dueMs));
      }),
      runs,
    );
  });

  it('splits a range without losing or doubling an occurrence', () => {
    fc.assert(
      fc.property(schedule, range, fc.double({ min: 0, max: 1, noNaN: true }), (s, [from, to], cut) => {
        const mid = Math.floor(from + (to - from) * cut);
        const whole = dutyOccurrences(duty(s), 'Asia/Shanghai', from, to, workweek);
        const parts = [...dutyOccurrences(duty(s), 'Asia/Shanghai', from, mid, workweek), ...dutyOccurrences(duty(s), 'Asia/Shanghai', mid, to, workweek)];
        expect(parts).toEqual(whole);
      }),
      runs,
    );
  });
});

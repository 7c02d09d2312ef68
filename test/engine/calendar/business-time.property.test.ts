// Business time against a brute-force reference: random calendars (several
// intervals a day, none on some days, holidays, make-up days, four zones) and
// random instants in 2026, many near daylight-saving changes. The reference
// walks UTC minute by minute, asks luxon for each minute's local date and time,
// and applies the rules as written in engine/calendar/README.md.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, type BusinessCalendar, type CalendarSpec, type LocalInterval } from '../../../engine/calendar/index.js';

const MIN = 60_000;
const DAY = 86_400_000;
const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC'] as const;
/** Daylight-saving changes of 2026 (Berlin, New York). */
const CHANGES = ['2026-03-29T01:00Z', '2026-10-25T01:00Z', '2026-03-08T07:00Z', '2026-11-01T06:00Z'].map(Date.parse);
const YEAR_START = Date.parse('2026-01-01T00:00Z');
/** The reference sees [start - BEFORE, start + AFTER). */
const BEFORE_MIN = 720;
const AFTER_MIN = 4 * 1440;
/** workingDaysBetween's end stays this far inside the window, so every date it can count is seen whole. */
const SPAN_MAX_MIN = 2.5 * 1440;
/** `BRUTE_RUNS=2000 npx vitest run test/engine/calendar/business-time.property.test.ts` for a long hunt. */
const BRUTE_RUNS = Number(process.env['BRUTE_RUNS'] ?? 100) || 100;

// ---- the reference ----

interface RefCalendar {
  zone: string;
  weekly: LocalInterval[][];
  holidays: Set<number>;
  makeups: Set<number>;
}

/** (local day number, minute of day) of each UTC minute, from luxon, remembered per zone. */
const seen = new Map<string, Map<number, number>>();
function localMinute(zone: string, ms: number): { day: number; minute: number } {
  let memo = seen.get(zone);
  if (!memo) seen.set(zone, (memo = new Map()));
  let packed = memo.get(ms);
  if (packed === undefined) {
    const dt = DateTime.fromMillis(ms, { zone });
    packed = Math.round(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY) * 1440 + dt.hour * 60 + dt.minute;
    memo.set(ms, packed);
  }
  return { day: Math.floor(packed / 1440), minute: packed % 1440 };
}

function weekdayOf(day: number): number {
  return new Date(day * DAY).getUTCDay() || 7;
}

function refWorking(cal: RefCalendar, day: number): boolean {
  if (cal.holidays.has(day)) return false;
  return cal.makeups.has(day) || weekdayOf(day) <= 5;
}

function refHours(cal: RefCalendar, day: number): LocalInterval[] {
  if (cal.holidays.has(day)) return [];
  if (cal.weekly.every((d) => d.length === 0)) return refWorking(cal, day) ? [[0, 1440]] : [];
  if (cal.makeups.has(day)) {
    const weekday = cal.weekly.slice(0, 5).find((d) => d.length > 0);
    if (weekday) return weekday;
  }
  return cal.weekly[weekdayOf(day) - 1] as LocalInterval[];
}

interface DateSeen {
  first: number;
  last: number;
  firstService: number;
  lastService: number;
}

/** Every minute of the window: is it service time, which local date is it. */
class Window {
  readonly from: number;
  readonly n: number;
  readonly service: boolean[] = [];
  readonly day: number[] = [];
  readonly wall: number[] = [];
  readonly dates = new Map<number, DateSeen>();

  constructor(
    readonly cal: RefCalendar,
    start: number,
  ) {
    this.from = start - BEFORE_MIN * MIN;
    this.n = BEFORE_MIN + AFTER_MIN;
    for (let i = 0; i < this.n; i++) {
      const { day, minute } = localMinute(cal.zone, this.from + i * MIN);
      const on = refHours(cal, day).some(([a, b]) => minute >= a && minute < b);
      this.service.push(on);
      this.day.push(day);
      this.wall.push(day * 1440 + minute);
      const d = this.dates.get(day) ?? { first: i, last: i, firstService: -1, lastService: -1 };
      d.last = i;
      if (on) {
        if (d.firstService < 0) d.firstService = i;
        d.lastService = i;
      }
      this.dates.set(day, d);
    }
  }

  at(i: number): number {
    return this.from + i * MIN;
  }
  index(ms: number): number {
    return Math.round((ms - this.from) / MIN);
  }
  /** Seen from its first minute to its last. */
  complete(day: number): boolean {
    const d = this.dates.get(day);
    return d !== undefined && d.first > 0 && d.last < this.n - 1;
  }
  serviceBetween(i: number, j: number): number {
    let count = 0;
    for (let k = i; k < j; k++) if (this.service[k]) count++;
    return count;
  }
  /** The end of the minute in which the mth service minute from i completes, or undefined past the window. */
  addService(i: number, m: number): number | undefined {
    if (m === 0) return this.at(i);
    let count = 0;
    for (let k = i; k < this.n; k++) if (this.service[k] && ++count === m) return this.at(k + 1);
    return undefined;
  }
  /** The end of a working date: its last service minute's end, else the next date's first minute. */
  endOf(day: number): number {
    const d = this.dates.get(day) as DateSeen;
    return d.lastService >= 0 ? this.at(d.lastService + 1) : this.at(d.last + 1);
  }
  /** Working dates after `day`, in order, as long as they are seen whole. */
  workingAfter(day: number): number[] {
    const out: number[] = [];
    for (let d = day + 1; this.complete(d); d++) if (refWorking(this.cal, d)) out.push(d);
    return out;
  }
}

// ---- generators ----

/** Interval boundaries, biased towards the hours clocks change at and the ends of the day. */
const boundary = fc.oneof(
  fc.constantFrom(0, 60, 90, 120, 150, 180, 210, 240, 1380, 1440),
  fc.integer({ min: 0, max: 96 }).map((q) => q * 15),
  fc.integer({ min: 0, max: 1440 }),
);
/** Up to three disjoint intervals: sorted distinct boundaries taken in pairs. */
const dayHours = fc.uniqueArray(boundary, { maxLength: 6 }).map((bs) => {
  const sorted = [...bs].sort((a, b) => a - b);
  const out: LocalInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i] as number, sorted[i + 1] as number]);
  return out;
});
const weeklyHours = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.oneof(dayHours, fc.constant<LocalInterval[]>([])), { minLength: 7, maxLength: 7 }) },
  { weight: 1, arbitrary: fc.constant<LocalInterval[][]>([[], [], [], [], [], [], []]) },
);
const calendarShape = fc.record({
  zone: fc.constantFrom(...ZONES),
  weekly: weeklyHours,
  /** Day offsets from the start's local date. */
  holidays: fc.uniqueArray(fc.integer({ min: -2, max: 6 }), { maxLength: 4 }),
  makeups: fc.uniqueArray(fc.integer({ min: -2, max: 6 }), { maxLength: 3 }),
});
/** Whole minutes in 2026, a third of them within three days of a clock change. */
const instant = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 364 * 1440 }).map((m) => YEAR_START + m * MIN) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * 1440, max: 3 * 1440 })).map(([c, m]) => c + m * MIN) },
);
const minutes = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3000 }));

function build(shape: { zone: string; weekly: LocalInterval[][]; holidays: number[]; makeups: number[] }, start: number) {
  const base = localMinute(shape.zone, start).day;
  const ref: RefCalendar = {
    zone: shape.zone,
    weekly: shape.weekly,
    holidays: new Set(shape.holidays.map((o) => base + o)),
    makeups: new Set(shape.makeups.map((o) => base + o)),
  };
  const spec: CalendarSpec = {
    zone: shape.zone,
    always: false,
    weekly: shape.weekly,
    holidays: [...ref.holidays].map((day) => ({ day, label: 'h' })),
    workdays: [...ref.makeups].map((day) => ({ day })),
  };
  return { ref, cal: createBusinessCalendar(spec) };
}

function weeklyMinutes(weekly: LocalInterval[][]): number {
  const total = weekly.flat().reduce((sum, [a, b]) => sum + b - a, 0);
  return total === 0 ? 5 * 1440 : total;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('business time against a minute-by-minute reference', () => {
  it('agrees on service minutes, due times, working days and local dates', () => {
    fc.assert(
      fc.property(
        calendarShape,
        instant,
        minutes,
        fc.integer({ min: 0, max: SPAN_MAX_MIN }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1439 }),
        (shape, start, m, span, n, wallMinute) => {
          const { ref, cal } = build(shape, start);
          const w = new Window(ref, start);
          const s = w.index(start);

          // serviceMinutesBetween, from the start and from an earlier instant.
          expect(cal.serviceMinutesBetween(start, start + span * MIN)).toBe(w.serviceBetween(s, s + span));
          expect(cal.serviceMinutesBetween(w.at(s - 600), start + span * MIN)).toBe(w.serviceBetween(s - 600, s + span));

          // addServiceMinutes: exact when the reference gets there inside its window.
          const due = cal.addServiceMinutes(start, m);
          const expected = w.addService(s, m);
          if (expected !== undefined) expect(iso(due)).toBe(iso(expected));
          else expect(due).toBeGreaterThanOrEqual(w.at(w.n));

          // Local dates, working days, service per date, instantOf.
          const d0 = w.day[s] as number;
          expect(cal.localDay(start)).toBe(d0);
          for (const [day, info] of w.dates) {
            if (!w.complete(day)) continue;
            expect(cal.isWorkingDay(day)).toBe(refWorking(ref, day));
            expect(iso(cal.instantOf(day, 0))).toBe(iso(w.at(info.first)));
            const wall = day * 1440 + wallMinute;
            const firstAtOrAfter = w.wall.findIndex((x) => x >= wall);
            expect(iso(cal.instantOf(day, wallMinute))).toBe(iso(w.at(firstAtOrAfter)));
            const pieces = cal.serviceIntervalsOn(day);
            expect(pieces.reduce((sum, p) => sum + (p.end - p.start) / MIN, 0)).toBe(w.serviceBetween(info.first, info.last + 1));
          }

          // endOfNthWorkingDayAfter: exact when the nth working day is seen whole.
          const working = w.workingAfter(d0);
          const nth = working[n - 1];
          const end = cal.endOfNthWorkingDayAfter(start, n);
          if (nth !== undefined) expect(iso(end)).toBe(iso(w.endOf(nth)));
          else expect(cal.localDay(end)).toBeGreaterThan(d0 + working.length);

          // workingDaysBetween: every date that can count is seen whole.
          const b = start + span * MIN;
          expect(cal.workingDaysBetween(start, b)).toBe(working.filter((day) => w.endOf(day) <= b).length);
        },
      ),
      { numRuns: BRUTE_RUNS },
    );
  });
});

describe('business time identities', () => {
  const anyInstant = fc.oneof(instant, fc.integer({ min: YEAR_START, max: YEAR_START + 365 * DAY }));
  const calendars = new Map<string, BusinessCalendar>();
  const calendarOf = (shape: { zone: string; weekly: LocalInterval[][]; holidays: number[]; makeups: number[] }) => {
    const key = JSON.stringify(shape);
    let cal = calendars.get(key);
    if (!cal) {
      cal = build(shape, YEAR_START + 180 * DAY).cal;
      calendars.set(key, cal);
    }
    return cal;
  };

  it('serviceMinutesBetween(s, addServiceMinutes(s, m)) = m, and nothing earlier gets there', () => {
    fc.assert(
      fc.property(calendarShape, anyInstant, fc.oneof(minutes, fc.integer({ min: 0, max: 200_000 })), (shape, start, m) => {
        // Keep the search within about three years: a calendar open 15 minutes a week takes decades to serve 200,000.
        fc.pre(weeklyMinutes(shape.weekly) * 52 * 3 >= m);
        const cal = calendarOf(shape);
        const t = cal.addServiceMinutes(start, m);
        expect(cal.serviceMinutesBetween(start, t)).toBe(m);
        if (m > 0) expect(cal.serviceMinutesBetween(start, t - 1)).toBeLessThan(m);
      }),
      { numRuns: 300 },
    );
  });

  it('service minutes add up over consecutive spans', () => {
    fc.assert(
      fc.property(calendarShape, anyInstant, fc.nat(20_000), fc.nat(20_000), (shape, a, x, y) => {
        const cal = calendarOf(shape);
        const b = a + x * MIN;
        const c = b + y * MIN;
        expect(cal.serviceMinutesBetween(a, b) + cal.serviceMinutesBetween(b, c)).toBeCloseTo(cal.serviceMinutesBetween(a, c), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('workingDaysBetween(a, b) >= n exactly when b >= endOfNthWorkingDayAfter(a, n)', () => {
    fc.assert(
      fc.property(calendarShape, anyInstant, fc.nat(40 * 1440), fc.integer({ min: 1, max: 30 }), (shape, a, x, n) => {
        const cal = calendarOf(shape);
        const b = a + x * MIN;
        const end = cal.endOfNthWorkingDayAfter(a, n);
        expect(cal.workingDaysBetween(a, b) >= n).toBe(b >= end);
        expect(cal.workingDaysBetween(a, end)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

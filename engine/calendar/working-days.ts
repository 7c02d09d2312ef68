// Working days in closed form: how many working days lie between two local dates, and
// which is the nth after a date, from week arithmetic and two sorted lists (holidays that
// fall on Monday..Friday, make-up days that fall on a weekend) searched by bisection. A
// span of two centuries costs a few binary searches, never a walk over its days, so
// explanations and long working-day counts stay cheap (issue 13, item 3).
import { isoWeekday, type DayRules } from './spec.js';

/** Last index i with a[i] <= x, or -1. */
function lastAtOrBefore(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Monday..Friday among the day numbers [0, d) counted from a Monday origin (day -3, 1969-12-29). */
function weekdaysBefore(d: number): number {
  const m = d + 3;
  const weeks = Math.floor(m / 7);
  return weeks * 5 + Math.min(m - weeks * 7, 5);
}

/** Monday..Friday among the day numbers [from, to] (0 when to < from). */
export function weekdaysIn(from: number, to: number): number {
  return to < from ? 0 : weekdaysBefore(to + 1) - weekdaysBefore(from);
}

/** A run of consecutive holidays of one label. */
export interface HolidayRun {
  from: number;
  to: number;
  label?: string;
}

export class WorkingDays {
  /** Holidays on Monday..Friday: each takes one working day away from the week count. */
  private readonly lostDays: Int32Array;
  /** Make-up days on Saturday or Sunday that are not also holidays: each adds one. */
  private readonly gainedDays: Int32Array;
  /** Every holiday, sorted, for runs in explanations. */
  private readonly holidays: Int32Array;

  constructor(private readonly rules: DayRules) {
    const holidays = [...rules.holidayDays()].sort((x, y) => x - y);
    this.holidays = Int32Array.from(holidays);
    this.lostDays = Int32Array.from(holidays.filter((d) => isoWeekday(d) <= 5));
    this.gainedDays = Int32Array.from([...rules.makeupDays()].filter((d) => isoWeekday(d) > 5 && rules.kind(d) === 'makeup').sort((x, y) => x - y));
  }

  /** Working days among the local dates [from, to]. */
  count(from: number, to: number): number {
    if (to < from) return 0;
    const lost = lastAtOrBefore(this.lostDays, to) - lastAtOrBefore(this.lostDays, from - 1);
    const gained = lastAtOrBefore(this.gainedDays, to) - lastAtOrBefore(this.gainedDays, from - 1);
    return weekdaysIn(from, to) - lost + gained;
  }

  /**
   * The nth working day after `after` (n >= 1). Each holiday takes at most one working
   * day away, so the answer lies within n weeks' worth of weekdays plus one day per
   * holiday; the least day whose count reaches n is found by bisection.
   */
  nthAfter(after: number, n: number): number {
    let lo = after + 1;
    let hi = after + Math.ceil(n / 5) * 7 + 7 + this.lostDays.length;
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.count(after + 1, mid) >= n) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Runs of consecutive holidays of one label among the local dates [from, to]. */
  holidayRuns(from: number, to: number): HolidayRun[] {
    const runs: HolidayRun[] = [];
    for (let i = lastAtOrBefore(this.holidays, from - 1) + 1; i < this.holidays.length; i++) {
      const day = this.holidays[i] as number;
      if (day > to) break;
      const label = this.rules.label(day);
      const prev = runs[runs.length - 1];
      if (prev && prev.to === day - 1 && prev.label === label) prev.to = day;
      else runs.push(label === undefined ? { from: day, to: day } : { from: day, to: day, label });
    }
    return runs;
  }
}

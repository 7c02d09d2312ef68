// Which years a calendar has holiday tables for. A year is covered when the calendar, or
// a calendar it includes, lists at least one holiday or make-up day in it: the official
// tables list several every year, so a year with none is a year whose table is missing,
// and its working days would silently be plain Monday..Friday. A calendar that lists no
// special dates at all claims no tables and is never reported.
import type { CalendarSpec } from './spec.js';
import { DAY_MS, utcYearStart, type ZoneOffsets } from './zone.js';

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function firstDayOfYear(year: number): number {
  return Math.round(utcYearStart(year) / DAY_MS);
}

/** The years a spec lists holidays or make-up days in, sorted. */
export function coveredYears(spec: CalendarSpec): number[] {
  return [...new Set([...spec.holidays, ...spec.workdays].map((d) => yearOfDay(d.day)))].sort((a, b) => a - b);
}

export class HolidayCoverage {
  /** Sorted, distinct. */
  readonly years: readonly number[];
  /** Flat [start, end, ...] UTC instants of each run of consecutive covered local years. */
  private bounds: Float64Array | undefined;

  constructor(
    days: Iterable<number>,
    private readonly zone: ZoneOffsets,
  ) {
    const years = new Set<number>();
    for (const day of days) years.add(yearOfDay(day));
    this.years = Object.freeze([...years].sort((a, b) => a - b));
  }

  /** Built on first use, so a calendar that is never asked costs no zone lookups. */
  private runs(): Float64Array {
    if (this.bounds) return this.bounds;
    const flat: number[] = [];
    for (let i = 0; i < this.years.length; ) {
      let j = i;
      while (j + 1 < this.years.length && (this.years[j + 1] as number) === (this.years[j] as number) + 1) j++;
      flat.push(this.zone.instantOf(firstDayOfYear(this.years[i] as number), 0), this.zone.instantOf(firstDayOfYear((this.years[j] as number) + 1), 0));
      i = j + 1;
    }
    this.bounds = Float64Array.from(flat);
    return this.bounds;
  }

  /**
   * The local year of `ms` when the calendar has tables but none for that year, else
   * null. Covered instants answer from a few comparisons, without allocating.
   */
  yearWithoutTable(ms: number): number | null {
    if (this.years.length === 0) return null;
    const runs = this.runs();
    for (let i = 0; i < runs.length; i += 2) if (ms >= (runs[i] as number) && ms < (runs[i + 1] as number)) return null;
    return yearOfDay(this.zone.localDay(ms));
  }
}

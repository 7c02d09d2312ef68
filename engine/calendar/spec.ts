// A calendar as plain data, and the rules that say, for a local date, whether it
// is a working day and which hours it serves. Nothing here knows about zones:
// dates are day numbers (days since 1970-01-01, see dates.ts), hours are minutes
// of the day. The rules themselves are written out in business-calendar.ts.

export const MINUTES_PER_DAY = 1440;

/** `[from, to)` in minutes of the local day, 0 <= from < to <= 1440. */
export type LocalInterval = readonly [from: number, to: number];

/** A holiday or a make-up working day. */
export interface SpecialDate {
  readonly day: number;
  readonly label?: string;
}

export interface CalendarSpec {
  /** For messages only. */
  readonly name?: string;
  /** IANA zone the hours and dates are read in. */
  readonly zone: string;
  /** 24x7: all time is service time; no working days. */
  readonly always: boolean;
  /** Seven lists, Monday first (index = ISO weekday - 1). */
  readonly weekly: readonly (readonly LocalInterval[])[];
  readonly holidays: readonly SpecialDate[];
  /** Make-up working days (调休上班). */
  readonly workdays: readonly SpecialDate[];
}

/** `weekday` and `makeup` are working days; `weekend` and `holiday` are not. */
export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'makeup';

const NO_HOURS: readonly LocalInterval[] = Object.freeze([]);
const WHOLE_DAY: readonly LocalInterval[] = Object.freeze([Object.freeze([0, MINUTES_PER_DAY] as const)]);

/** ISO weekday (Monday 1 .. Sunday 7) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function alwaysSpec(zone: string, name?: string): CalendarSpec {
  const spec: CalendarSpec = { zone, always: true, weekly: [[], [], [], [], [], [], []], holidays: [], workdays: [] };
  return name === undefined ? spec : { ...spec, name };
}

/** Sorted, validated, with overlapping or touching intervals joined. */
export function normalizeIntervals(intervals: readonly LocalInterval[]): LocalInterval[] {
  for (const [from, to] of intervals) {
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > MINUTES_PER_DAY || to <= from) {
      throw new RangeError(`Service interval [${from}, ${to}) is not within one day (minutes 0..1440, from < to).`);
    }
  }
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** The working-day and service-hour rules of one (non-24x7) calendar, by local date. */
export class DayRules {
  private readonly holidays = new Map<number, string | undefined>();
  private readonly makeups = new Map<number, string | undefined>();
  private readonly weekly: (readonly LocalInterval[])[];
  private readonly makeupHours: readonly LocalInterval[];
  /** No weekly hours at all: a holiday table used as a calendar serves whole working days. */
  readonly hourless: boolean;

  constructor(spec: CalendarSpec) {
    if (spec.weekly.length !== 7) throw new RangeError(`Weekly hours need 7 lists (Monday first), got ${spec.weekly.length}.`);
    this.weekly = spec.weekly.map((list) => Object.freeze(normalizeIntervals(list)));
    this.hourless = this.weekly.every((list) => list.length === 0);
    for (const d of spec.holidays) if (!this.holidays.has(d.day)) this.holidays.set(d.day, d.label);
    for (const d of spec.workdays) if (!this.makeups.has(d.day)) this.makeups.set(d.day, d.label);
    // A make-up day works Monday's hours, else those of the first of Tue..Fri that has any.
    const weekdayHours = this.weekly.slice(0, 5).find((list) => list.length > 0);
    this.makeupHours = this.hourless ? WHOLE_DAY : (weekdayHours ?? NO_HOURS);
  }

  /** A holiday wins over a make-up day on the same date (the checker forbids both, C702). */
  kind(day: number): DayKind {
    if (this.holidays.has(day)) return 'holiday';
    if (this.makeups.has(day)) return 'makeup';
    return isoWeekday(day) <= 5 ? 'weekday' : 'weekend';
  }

  isWorking(day: number): boolean {
    const k = this.kind(day);
    return k === 'weekday' || k === 'makeup';
  }

  /**
   * The label of a holiday or make-up day. A date listed as both is a holiday (kind()), so it
   * has the holiday's label or none: a make-up day's label would name a day that is not one.
   */
  label(day: number): string | undefined {
    return this.holidays.has(day) ? this.holidays.get(day) : this.makeups.get(day);
  }

  /** Every date listed as a holiday. */
  holidayDays(): IterableIterator<number> {
    return this.holidays.keys();
  }

  /** Every date listed as a make-up working day (a holiday on the same date still wins). */
  makeupDays(): IterableIterator<number> {
    return this.makeups.keys();
  }

  /** Local service intervals of a date, sorted and disjoint. */
  hours(day: number): readonly LocalInterval[] {
    const k = this.kind(day);
    if (k === 'holiday') return NO_HOURS;
    if (this.hourless) return k === 'weekend' ? NO_HOURS : WHOLE_DAY;
    if (k === 'makeup' && this.makeupHours.length > 0) return this.makeupHours;
    return this.weekly[isoWeekday(day) - 1] ?? NO_HOURS;
  }
}

// Business time: how long a clock has run and when it falls due, on a calendar.
//
// Semantics (also in README.md beside this file):
//
// - A calendar has an IANA zone, weekly service hours (per ISO weekday a list of
//   [from, to) minutes of the day, to <= 1440), holidays and make-up working days
//   (调休), both local dates with optional labels; or it is `always` (24x7): all
//   time is service time and it has no working days.
// - A working day is a local date that is a make-up day, or is Monday to Friday
//   and not a holiday. A date listed as both is a holiday (the checker forbids it).
// - Service hours of a local date: none on a holiday; on a make-up day Monday's
//   hours, or if Monday has none those of the first of Tuesday..Friday that has
//   some (if none of them has any, the date's own weekday hours); otherwise the
//   weekly hours of its weekday. A calendar without weekly hours at all (a holiday
//   table used as a calendar) serves 00:00-24:00 on working days, nothing else.
// - A UTC instant is service time iff its local wall-clock date and time of day in
//   the zone, at that instant, fall within that date's service intervals. So in a
//   spring-forward gap the missing wall times serve nothing, and in a fall-back
//   overlap the repeated wall times serve twice (once per occurrence).
// - Service time is counted in ms and reported in (possibly fractional) minutes.
//   addServiceMinutes(s, m) is the earliest t >= s with serviceMinutesBetween(s, t)
//   = m; for m = 0 it is s itself, even outside service hours.
// - "N workdays" from an instant: by the end of the Nth working day after its
//   local date (that date never counts: from a Saturday the 1st working day is
//   Monday unless Sunday is a make-up day). A working day ends with its last service
//   interval; one with no service time (no hours that weekday, or hours that fall
//   entirely in a DST gap) ends when the next local date starts.
// - workingDaysBetween(a, b): the working days after the local date of a that have
//   ended by b (their end in (a, b]). Hence workingDaysBetween(a, b) >= n exactly
//   when b >= endOfNthWorkingDayAfter(a, n).
// - instantOf(day, minute): the first instant whose wall time is at or after that
//   local date and time: the first occurrence in an overlap, the end of a gap.
// - On a 24x7 calendar the service functions are plain arithmetic, and the working
//   day functions throw: the checker forbids working days there (C302), so a call
//   is a programming error.
import { HolidayCoverage } from './coverage.js';
import { DayRules, isoWeekday, type CalendarSpec, type DayKind, type SpecialDate } from './spec.js';
import { servicePiecesOn, ServiceTimeline, type ServiceSpan } from './timeline.js';
import { WorkingDays } from './working-days.js';
import { checkBuildable, MINUTE_MS, zoneOffsets, type ZoneOffsets } from './zone.js';

/** Consecutive non-working local dates of one kind and label, for explanations. */
export interface SkippedRun {
  /** First and last day number of the run (inclusive). */
  from: number;
  to: number;
  kind: 'holiday' | 'weekend';
  label?: string;
}

export interface BusinessCalendar {
  readonly spec: CalendarSpec;
  readonly always: boolean;
  readonly zone: string;
  /** Service minutes in [aMs, bMs); 0 when bMs <= aMs. */
  serviceMinutesBetween(aMs: number, bMs: number): number;
  /** The earliest t >= startMs with serviceMinutesBetween(startMs, t) = minutes (minutes >= 0). */
  addServiceMinutes(startMs: number, minutes: number): number;
  /** The end of the nth working day after the local date of startMs; startMs itself for n = 0. */
  endOfNthWorkingDayAfter(startMs: number, n: number): number;
  /** Working days after the local date of aMs that have ended by bMs. */
  workingDaysBetween(aMs: number, bMs: number): number;
  /** Day number of the local date of an instant. */
  localDay(ms: number): number;
  /** The first instant at or after a local wall time. */
  instantOf(day: number, minuteOfDay: number): number;
  isWorkingDay(day: number): boolean;
  /** Holiday, weekend, make-up day or ordinary weekday (throws on 24x7). */
  dayKind(day: number): DayKind;
  /** The UTC service intervals of one local date. */
  serviceIntervalsOn(day: number): ServiceSpan[];
  /** Holidays and non-working weekend days among the local dates of [aMs, bMs), in runs; `only` keeps one kind. */
  skippedDays(aMs: number, bMs: number, only?: SkippedRun['kind']): SkippedRun[];
  /** Years the calendar (with what it includes) lists holidays or make-up days in; empty on 24x7. */
  readonly coveredYears: readonly number[];
  /** The local year of ms when the calendar has holiday tables but none for that year, else null. */
  yearWithoutTable(ms: number): number | null;
}

function toMs(minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Service minutes must be a finite number >= 0, got ${minutes}.`);
  return Math.round(minutes * MINUTE_MS);
}

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`A number of working days must be a whole number >= 0, got ${n}.`);
}

class AlwaysCalendar implements BusinessCalendar {
  readonly always = true;
  readonly coveredYears: readonly number[] = Object.freeze([]);
  readonly zone: string;
  private readonly offsets: ZoneOffsets;

  constructor(readonly spec: CalendarSpec) {
    this.zone = spec.zone;
    this.offsets = zoneOffsets(spec.zone);
  }

  private noWorkingDays(what: string): never {
    throw new Error(`${what}: calendar${this.spec.name ? ` '${this.spec.name}'` : ''} is 24x7 and has no working days (the checker reports working days on a 24x7 clock as C302).`);
  }

  serviceMinutesBetween(aMs: number, bMs: number): number {
    return bMs > aMs ? (bMs - aMs) / MINUTE_MS : 0;
  }
  addServiceMinutes(startMs: number, minutes: number): number {
    return startMs + toMs(minutes);
  }
  endOfNthWorkingDayAfter(): number {
    return this.noWorkingDays('endOfNthWorkingDayAfter');
  }
  workingDaysBetween(): number {
    return this.noWorkingDays('workingDaysBetween');
  }
  isWorkingDay(): boolean {
    return this.noWorkingDays('isWorkingDay');
  }
  dayKind(): DayKind {
    return this.noWorkingDays('dayKind');
  }
  localDay(ms: number): number {
    return this.offsets.localDay(ms);
  }
  instantOf(day: number, minuteOfDay: number): number {
    return this.offsets.instantOf(day, minuteOfDay);
  }
  serviceIntervalsOn(day: number): ServiceSpan[] {
    return [{ start: this.offsets.instantOf(day, 0), end: this.offsets.instantOf(day + 1, 0) }];
  }
  skippedDays(): SkippedRun[] {
    return [];
  }
  yearWithoutTable(): null {
    return null;
  }
}

/** Dates whose working-day end a calendar keeps (a power of two: the slot is the date's low bits). */
const DAY_END_SLOTS = 1024;

class WorkingCalendar implements BusinessCalendar {
  readonly always = false;
  readonly zone: string;
  private readonly rules: DayRules;
  private readonly offsets: ZoneOffsets;
  private readonly timeline: ServiceTimeline;
  private readonly workingDays: WorkingDays;
  private readonly coverage: HolidayCoverage;
  /** workingDayEnd's table: the date in each slot (NaN while empty) and its end. */
  private readonly dayEndOf = new Float64Array(DAY_END_SLOTS).fill(Number.NaN);
  private readonly dayEnd = new Float64Array(DAY_END_SLOTS);

  constructor(readonly spec: CalendarSpec) {
    this.zone = spec.zone;
    this.rules = new DayRules(spec);
    this.offsets = zoneOffsets(spec.zone);
    this.timeline = new ServiceTimeline(this.rules, this.offsets);
    this.workingDays = new WorkingDays(this.rules);
    this.coverage = new HolidayCoverage([...this.rules.holidayDays(), ...this.rules.makeupDays()], this.offsets);
  }

  get coveredYears(): readonly number[] {
    return this.coverage.years;
  }
  yearWithoutTable(ms: number): number | null {
    return this.coverage.yearWithoutTable(ms);
  }

  /**
   * When a working day ends: with its last service interval, or when the next date starts if
   * it serves nothing. Kept by date in a small direct-mapped table: a simulation asks for the
   * same few hundred dates millions of times, and building a date's pieces each time was a
   * tenth of what a simulated ticket allocated (issue 13).
   */
  private workingDayEnd(day: number): number {
    const slot = day & (DAY_END_SLOTS - 1);
    if (this.dayEndOf[slot] === day) return this.dayEnd[slot] as number;
    const pieces = servicePiecesOn(this.rules, this.offsets, day);
    const last = pieces[pieces.length - 1];
    const end = last ? last.end : this.offsets.instantOf(day + 1, 0);
    this.dayEndOf[slot] = day;
    this.dayEnd[slot] = end;
    return end;
  }

  serviceMinutesBetween(aMs: number, bMs: number): number {
    return this.timeline.serviceMsBetween(aMs, bMs) / MINUTE_MS;
  }
  addServiceMinutes(startMs: number, minutes: number): number {
    return this.timeline.addServiceMs(startMs, toMs(minutes));
  }
  // Working days in closed form (working-days.ts): only the dates at either end are
  // looked at, so a count over two centuries costs what a count over a week does.
  endOfNthWorkingDayAfter(startMs: number, n: number): number {
    checkCount(n);
    if (n === 0) return startMs;
    checkBuildable(startMs);
    const end = this.workingDayEnd(this.workingDays.nthAfter(this.localDay(startMs), n));
    checkBuildable(end);
    return end;
  }
  workingDaysBetween(aMs: number, bMs: number): number {
    if (!(bMs > aMs)) return 0;
    checkBuildable(aMs);
    checkBuildable(bMs);
    const first = this.localDay(aMs) + 1;
    const last = this.localDay(bMs);
    if (last < first) return 0;
    // Every date before the last one has ended by bMs; the last one only if its end has come.
    const whole = this.workingDays.count(first, last - 1);
    return whole + (this.rules.isWorking(last) && this.workingDayEnd(last) <= bMs ? 1 : 0);
  }
  localDay(ms: number): number {
    return this.offsets.localDay(ms);
  }
  instantOf(day: number, minuteOfDay: number): number {
    return this.offsets.instantOf(day, minuteOfDay);
  }
  isWorkingDay(day: number): boolean {
    return this.rules.isWorking(day);
  }
  dayKind(day: number): DayKind {
    return this.rules.kind(day);
  }
  serviceIntervalsOn(day: number): ServiceSpan[] {
    return servicePiecesOn(this.rules, this.offsets, day);
  }
  // Holidays come from the sorted list and weekends from week arithmetic: the cost is the
  // runs reported (one per weekend, or none when only holidays are asked for), not the days.
  skippedDays(aMs: number, bMs: number, only?: SkippedRun['kind']): SkippedRun[] {
    if (!(bMs > aMs)) return [];
    const first = this.localDay(aMs);
    const last = this.localDay(bMs - 1);
    const holidays: SkippedRun[] = only === 'weekend' ? [] : this.workingDays.holidayRuns(first, last).map((r) => ({ ...r, kind: 'holiday' }));
    if (only === 'holiday') return holidays;
    const runs: SkippedRun[] = [];
    const push = (day: number, kind: SkippedRun['kind'], label: string | undefined) => {
      const prev = runs[runs.length - 1];
      if (prev && prev.to === day - 1 && prev.kind === kind && prev.label === label) prev.to = day;
      else runs.push(label === undefined ? { from: day, to: day, kind } : { from: day, to: day, kind, label });
    };
    let h = 0;
    // The Saturday of the weekend at or before `first`, then every Saturday and Sunday to `last`.
    for (let sat = first - ((isoWeekday(first) + 1) % 7); sat <= last; sat += 7) {
      for (const day of [sat, sat + 1]) {
        if (day < first || day > last) continue;
        while (h < holidays.length && (holidays[h] as SkippedRun).to < day) {
          const run = holidays[h++] as SkippedRun;
          for (let d = run.from; d <= run.to; d++) push(d, 'holiday', run.label);
        }
        if (this.rules.kind(day) === 'weekend') push(day, 'weekend', undefined);
      }
    }
    while (h < holidays.length) {
      const run = holidays[h++] as SkippedRun;
      for (let d = run.from; d <= run.to; d++) push(d, 'holiday', run.label);
    }
    return runs;
  }
}

/** Build a calendar without the cache (tests, one-off use). */
export function createBusinessCalendar(spec: CalendarSpec): BusinessCalendar {
  return spec.always ? new AlwaysCalendar(spec) : new WorkingCalendar(spec);
}

const bySpec = new WeakMap<CalendarSpec, BusinessCalendar>();
const byContent = new Map<string, BusinessCalendar>();
/** Distinct calendars kept; a long-running server that keeps editing policies drops the oldest. */
const MAX_CACHED = 256;

function contentKey(spec: CalendarSpec): string {
  const days = (list: readonly SpecialDate[]) => list.map((d) => `${d.day}${d.label === undefined ? '' : `:${d.label}`}`).join(',');
  return JSON.stringify([spec.name ?? null, spec.zone, spec.always, spec.always ? [] : spec.weekly, spec.always ? '' : days(spec.holidays), spec.always ? '' : days(spec.workdays)]);
}

/** The calendar of a spec, built once per distinct spec (its years are built on first use). */
export function businessCalendar(spec: CalendarSpec): BusinessCalendar {
  let cal = bySpec.get(spec);
  if (cal) return cal;
  const key = contentKey(spec);
  cal = byContent.get(key);
  if (!cal) {
    cal = createBusinessCalendar(spec);
    byContent.set(key, cal);
    if (byContent.size > MAX_CACHED) byContent.delete(byContent.keys().next().value as string);
  }
  bySpec.set(spec, cal);
  return cal;
}

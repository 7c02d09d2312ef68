// The service time of a business calendar as numbers: a sorted array of disjoint
// UTC service intervals with cumulative prefix sums (working days are counted in
// closed form instead, in working-days.ts). Built a local year at a time on demand, in
// either direction; queries are binary searches. Years far from anything built
// start an island of their own, so one stray instant in 2999 costs a year, not a
// millennium (a span from 2026 to 2999 still has to be built to be measured).
import type { DayRules } from './spec.js';
import { checkBuildable, DAY_MS, MINUTE_MS, utcYearStart, type ZoneOffsets } from './zone.js';

/** A run of UTC service time `[start, end)` in epoch ms. */
export interface ServiceSpan {
  start: number;
  end: number;
}

/** How far a search may build ahead before deciding the calendar serves nothing. */
const MAX_SEARCH_DAYS = 100 * 366;
/** An instant this close to an island extends it; farther away it starts a new one. */
const ISLAND_GAP_DAYS = 3 * 366;

/** One local year, as built. */
interface YearChunk {
  year: number;
  firstDay: number;
  /** Flat [start, end, start, end, ...] of every date's UTC service pieces, in date order. */
  pieces: number[];
}

/** Last index i with a[i] <= x, or -1. */
function lastAtOrBefore(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** First index i with a[i] >= x, or n. */
function firstAtOrAfter(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dayOfYearStart(year: number): number {
  return Math.round(utcYearStart(year) / DAY_MS);
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/**
 * The UTC pieces of one local date's service hours. For the date's frame value
 * M (its midnight read as if UTC) an instant u with offset o has wall time u + o,
 * so the local interval [a, b) is, on each constant-offset segment, the UTC range
 * [M + a - o, M + b - o) cut to that segment. Sorted, disjoint, touching joined.
 */
export function servicePiecesOn(rules: DayRules, zone: ZoneOffsets, day: number): ServiceSpan[] {
  const frame = day * DAY_MS;
  const raw: ServiceSpan[] = [];
  for (const [from, to] of rules.hours(day)) {
    const wa = frame + from * MINUTE_MS;
    const wb = frame + to * MINUTE_MS;
    zone.forSegmentsNear(wa, wb, (start, end, offset) => {
      const s = Math.max(start, wa - offset);
      const e = Math.min(end, wb - offset);
      if (s < e) raw.push({ start: s, end: e });
    });
  }
  // A fall-back overlap can interleave the pieces of two intervals.
  raw.sort((x, y) => x.start - y.start);
  const out: ServiceSpan[] = [];
  for (const p of raw) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push(p);
  }
  return out;
}

/** Contiguous built years. Query methods expect their instants covered (see ServiceTimeline). */
class Island {
  private chunks: YearChunk[] = [];
  /** Built local dates: [firstDay, lastDay]. */
  private firstDay = 0;
  private lastDay = -1;
  /** Instants whose local date lies in [firstDay + 1, lastDay - 1]: everything around them is built. */
  private coveredFrom = 0;
  private coveredTo = 0;

  private count = 0;
  private starts = new Float64Array(0);
  private ends = new Float64Array(0);
  /** cum[i] = service ms in intervals 0..i-1. */
  private cum = new Float64Array(1);

  constructor(
    private readonly rules: DayRules,
    private readonly zone: ZoneOffsets,
  ) {}

  // ---- building ----

  private buildYear(year: number): YearChunk {
    const firstDay = dayOfYearStart(year);
    const endDay = dayOfYearStart(year + 1);
    const chunk: YearChunk = { year, firstDay, pieces: [] };
    for (let day = firstDay; day < endDay; day++) {
      for (const p of servicePiecesOn(this.rules, this.zone, day)) chunk.pieces.push(p.start, p.end);
    }
    return chunk;
  }

  /** Join the chunks into the search arrays. */
  private rebuild(): void {
    const first = this.chunks[0] as YearChunk;
    const last = this.chunks[this.chunks.length - 1] as YearChunk;
    this.firstDay = first.firstDay;
    this.lastDay = dayOfYearStart(last.year + 1) - 1;
    this.coveredFrom = this.zone.instantOf(this.firstDay + 1, 0);
    this.coveredTo = this.zone.instantOf(this.lastDay, 0);

    let pairs: [number, number][] = [];
    for (const c of this.chunks) for (let i = 0; i < c.pieces.length; i += 2) pairs.push([c.pieces[i] as number, c.pieces[i + 1] as number]);
    // Dates follow each other in UTC except around a fall-back across midnight; sort only then.
    if (pairs.some((p, i) => i > 0 && p[0] < (pairs[i - 1] as [number, number])[0])) pairs = pairs.sort((x, y) => x[0] - y[0]);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const [s, e] of pairs) {
      const n = ends.length;
      if (n > 0 && s <= (ends[n - 1] as number)) ends[n - 1] = Math.max(ends[n - 1] as number, e);
      else {
        starts.push(s);
        ends.push(e);
      }
    }
    this.count = starts.length;
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    this.cum = new Float64Array(this.count + 1);
    for (let i = 0; i < this.count; i++) this.cum[i + 1] = (this.cum[i] as number) + (ends[i] as number) - (starts[i] as number);
  }

  /** Build so that the local dates [day - 1, day + 1] are complete. */
  ensureDay(day: number): void {
    if (day > this.firstDay && day < this.lastDay) return;
    if (this.chunks.length === 0) this.chunks.push(this.buildYear(yearOfDay(day)));
    while (day - 1 < (this.chunks[0] as YearChunk).firstDay) this.chunks.unshift(this.buildYear((this.chunks[0] as YearChunk).year - 1));
    while (day + 1 > dayOfYearStart((this.chunks[this.chunks.length - 1] as YearChunk).year + 1) - 1) {
      this.chunks.push(this.buildYear((this.chunks[this.chunks.length - 1] as YearChunk).year + 1));
    }
    this.rebuild();
  }

  covers(ms: number): boolean {
    return ms >= this.coveredFrom && ms < this.coveredTo;
  }

  /** Whether a local date is built or close enough to extend to. */
  near(day: number): boolean {
    return day >= this.firstDay - ISLAND_GAP_DAYS && day <= this.lastDay + ISLAND_GAP_DAYS;
  }

  /** Whether every date another island has built is built here too. */
  contains(other: Island): boolean {
    return other.firstDay >= this.firstDay && other.lastDay <= this.lastDay;
  }

  ensureInstant(ms: number): void {
    if (!this.covers(ms)) this.ensureDay(this.zone.localDay(ms));
  }

  /** Build one more year after the last, for a search that began at `from`. */
  private extendForward(from: number): void {
    const fromDay = this.zone.localDay(from);
    if (this.lastDay - fromDay > MAX_SEARCH_DAYS) {
      throw new Error(`The calendar has no service time in the 100 years after ${new Date(from).toISOString()}.`);
    }
    this.ensureDay(this.lastDay + 1);
  }

  // ---- queries (instants must be covered) ----

  /** Service ms from the start of the built range to ms. */
  private prefix(ms: number): number {
    const i = lastAtOrBefore(this.starts, this.count, ms);
    if (i < 0) return 0;
    const end = this.ends[i] as number;
    return ms < end ? (this.cum[i] as number) + ms - (this.starts[i] as number) : (this.cum[i + 1] as number);
  }

  serviceMsBetween(a: number, b: number): number {
    return this.prefix(b) - this.prefix(a);
  }

  addServiceMs(start: number, ms: number): number {
    for (;;) {
      const target = this.prefix(start) + ms;
      if (target <= (this.cum[this.count] as number)) {
        // First interval whose running total reaches the target.
        const i = firstAtOrAfter(this.cum, this.count + 1, target) - 1;
        const t = (this.starts[i] as number) + target - (this.cum[i] as number);
        if (t < this.coveredTo) return t;
      }
      this.extendForward(start);
    }
  }
}

/** The service time of one calendar, built in islands of contiguous years. */
export class ServiceTimeline {
  /** Most recently used first. */
  private islands: Island[] = [];

  constructor(
    private readonly rules: DayRules,
    private readonly zone: ZoneOffsets,
  ) {}

  /** An island covering ms (and, for spans, to as well). */
  private islandFor(ms: number, to = ms): Island {
    const first = this.islands[0];
    if (first && first.covers(ms) && first.covers(to)) return first;
    checkBuildable(ms);
    checkBuildable(to);
    const day = this.zone.localDay(ms);
    let island = this.islands.find((i) => i.covers(ms)) ?? this.islands.find((i) => i.near(day));
    if (!island) island = new Island(this.rules, this.zone);
    island.ensureInstant(ms);
    island.ensureInstant(to);
    const chosen = island;
    this.islands = [chosen, ...this.islands.filter((i) => i !== chosen && !chosen.contains(i))];
    return chosen;
  }

  /** Service ms in [a, b). */
  serviceMsBetween(a: number, b: number): number {
    if (!(b > a)) return 0;
    return this.islandFor(a, b).serviceMsBetween(a, b);
  }

  /** The earliest t >= start with serviceMsBetween(start, t) = ms. */
  addServiceMs(start: number, ms: number): number {
    if (ms === 0) return start;
    return this.islandFor(start).addServiceMs(start, ms);
  }
}

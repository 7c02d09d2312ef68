// UTC offsets of an IANA zone as a table of constant-offset segments, built with
// luxon a UTC year at a time and shared by every calendar in that zone. Once a
// year is built, offset, local-date and wall-time lookups are binary searches
// over plain numbers: no luxon, no Intl.
import { IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Offsets are sampled this often and each change is then pinned to the
 * millisecond by bisection (several changes within one step are each found, as
 * long as they do not cancel out). Real zones change offset weeks or months apart:
 * the shortest interruption since 1970, a Ramadan suspension of summer time, lasted
 * about three weeks, so a week's step misses nothing, and a year costs about 53
 * luxon calls instead of 1,460: the whole supported range (1970-2199) is built in
 * a fraction of a second, once per zone.
 */
const SAMPLE_MS = 7 * DAY_MS;
/** Every real offset lies within ±18 h, so a wall time is within this of its instant. */
const REACH_MS = DAY_MS;

/** The UTC offset of `zone` at an instant, in ms, straight from luxon (slow: for building tables). */
export function zoneOffsetMs(zone: IANAZone, ms: number): number {
  return Math.round(zone.offset(ms) * MINUTE_MS);
}

function utcYear(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

/**
 * Midnight UTC of 1 January of a year. Not Date.UTC: it reads years 0-99 as
 * 1900-1999, so a table walking back from year 50 would never reach it.
 */
export function utcYearStart(year: number): number {
  return new Date(0).setUTCFullYear(year, 0, 1);
}

/**
 * The years a zone table or calendar is ever built for. The engine accepts instants
 * of 1970-2199 only (evaluate/instant.ts); due times and searches may reach a
 * century or more past that, and the calendar's own tests probe far-off years.
 * Anything farther is a programming error, refused rather than built a year at a time.
 */
export const FIRST_BUILT_YEAR = 1900;
export const LAST_BUILT_YEAR = 3000;

/** The first instant of FIRST_BUILT_YEAR and the first after LAST_BUILT_YEAR (UTC). */
const FIRST_BUILT_MS = utcYearStart(FIRST_BUILT_YEAR);
const END_BUILT_MS = utcYearStart(LAST_BUILT_YEAR + 1);

/** Refuses an instant outside the years tables are built for. */
export function checkBuildable(ms: number): void {
  // Every instant in [FIRST_BUILT_MS, END_BUILT_MS) is of a built year: answered without
  // a Date (one per call was 2% of a simulation); anything else is judged as before.
  if (ms >= FIRST_BUILT_MS && ms < END_BUILT_MS) return;
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${ms}.`);
  const y = utcYear(ms);
  if (y < FIRST_BUILT_YEAR || y > LAST_BUILT_YEAR) {
    throw new RangeError(`${new Date(ms).toISOString()} is outside the years business time is computed for (${FIRST_BUILT_YEAR}-${LAST_BUILT_YEAR}).`);
  }
}

/** Constant-offset segments over [from, to): segment i is [starts[i], starts[i+1]) with offsets[i]. */
function scan(zone: IANAZone, from: number, to: number): { starts: number[]; offsets: number[] } {
  const off = (ms: number) => zoneOffsetMs(zone, ms);
  let t = from;
  let o = off(from);
  const starts = [from];
  const offsets = [o];
  while (t < to - 1) {
    const next = Math.min(t + SAMPLE_MS, to - 1);
    const atNext = off(next);
    while (atNext !== o) {
      // Bisect (t, next] for the first instant whose offset is not o.
      let a = t;
      let b = next;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (off(mid) === o) a = mid;
        else b = mid;
      }
      o = off(b);
      starts.push(b);
      offsets.push(o);
      t = b;
    }
    t = next;
  }
  return { starts, offsets };
}

/** Constant-offset segments over contiguous UTC years [lo, hi). */
interface Island {
  lo: number;
  hi: number;
  starts: number[];
  offsets: number[];
}

/** A year this close to an island extends it; farther away it starts a new one. */
const ISLAND_GAP_MS = 3 * 366 * DAY_MS;

/** A piece of UTC time [start, end) with one offset from UTC, in ms. */
export interface OffsetSpan {
  start: number;
  end: number;
  offset: number;
}

export class ZoneOffsets {
  readonly zone: string;
  private readonly iana: IANAZone;
  /** Most recently used first. */
  private islands: Island[] = [];
  private current: Island = { lo: 0, hi: 0, starts: [], offsets: [] };

  constructor(zone: string) {
    const iana = IANAZone.create(zone);
    if (!iana.isValid) throw new RangeError(`'${zone}' is not an IANA time zone.`);
    this.zone = zone;
    this.iana = iana;
  }

  /** Make one island cover [fromMs, toMs], a whole UTC year at a time, and make it current. */
  ensure(fromMs: number, toMs: number): void {
    const c = this.current;
    if (fromMs >= c.lo && toMs < c.hi) return;
    checkBuildable(fromMs);
    checkBuildable(toMs);
    let island =
      this.islands.find((i) => fromMs >= i.lo && toMs < i.hi) ??
      this.islands.find((i) => fromMs >= i.lo - ISLAND_GAP_MS && fromMs < i.hi + ISLAND_GAP_MS);
    if (!island) {
      const y = utcYear(fromMs);
      island = { lo: utcYearStart(y), hi: utcYearStart(y + 1), starts: [], offsets: [] };
      ({ starts: island.starts, offsets: island.offsets } = scan(this.iana, island.lo, island.hi));
    }
    this.extend(island, fromMs, toMs);
    const chosen = island;
    this.islands = [chosen, ...this.islands.filter((i) => i !== chosen && !(i.lo >= chosen.lo && i.hi <= chosen.hi))];
    this.current = chosen;
  }

  private extend(island: Island, fromMs: number, toMs: number): void {
    while (fromMs < island.lo) {
      const newLo = utcYearStart(utcYear(island.lo) - 1);
      const before = scan(this.iana, newLo, island.lo);
      // The old first segment continues the new last one when their offsets agree.
      const join = before.offsets[before.offsets.length - 1] === island.offsets[0] ? 1 : 0;
      island.starts = before.starts.concat(island.starts.slice(join));
      island.offsets = before.offsets.concat(island.offsets.slice(join));
      island.lo = newLo;
    }
    while (toMs >= island.hi) {
      const newHi = utcYearStart(utcYear(island.hi) + 1);
      const after = scan(this.iana, island.hi, newHi);
      const join = after.offsets[0] === island.offsets[island.offsets.length - 1] ? 1 : 0;
      island.starts = island.starts.concat(after.starts.slice(join));
      island.offsets = island.offsets.concat(after.offsets.slice(join));
      island.hi = newHi;
    }
  }

  /** Index of the segment of the current island holding ms (covered). */
  private segmentAt(ms: number): number {
    const s = this.current.starts;
    let a = 0;
    let b = s.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >> 1;
      if ((s[mid] as number) <= ms) a = mid;
      else b = mid - 1;
    }
    return a;
  }

  /** UTC offset at an instant, in ms. */
  offsetAt(ms: number): number {
    this.ensure(ms, ms);
    return this.current.offsets[this.segmentAt(ms)] as number;
  }

  /**
   * The constant-offset span holding ms, written into `into`: [start, end) and its offset.
   * The span is the table's (it may end at the island's edge although the offset goes on),
   * so a caller that keeps it may answer any instant inside it without asking again.
   */
  spanAt(ms: number, into: OffsetSpan): void {
    this.ensure(ms, ms);
    const { starts, offsets, hi } = this.current;
    const i = this.segmentAt(ms);
    into.start = starts[i] as number;
    into.end = i + 1 < starts.length ? (starts[i + 1] as number) : hi;
    into.offset = offsets[i] as number;
  }

  /** The local date (day number) of an instant. */
  localDay(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /**
   * Calls back with every constant-offset piece of UTC time `[start, end)` with
   * offset `offset` that lies within REACH of the local frame range [fromL, toL)
   * (frame: epoch ms of a wall time read as if UTC). The caller intersects.
   */
  forSegmentsNear(fromL: number, toL: number, visit: (start: number, end: number, offset: number) => void): void {
    this.ensure(fromL - 2 * REACH_MS, toL + 2 * REACH_MS);
    const { starts, offsets, hi } = this.current;
    const n = starts.length;
    for (let i = this.segmentAt(fromL - REACH_MS); i < n; i++) {
      const start = starts[i] as number;
      if (start >= toL + REACH_MS) break;
      visit(start, i + 1 < n ? (starts[i + 1] as number) : hi, offsets[i] as number);
    }
  }

  /**
   * The first instant whose wall time is at or after `minuteOfDay` on local date
   * `day`: the wall time itself when it exists once, its first occurrence in a
   * fall-back overlap, the end of the gap when it falls in a spring-forward gap.
   */
  instantOf(day: number, minuteOfDay: number): number {
    const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
    let found = Number.NaN;
    this.forSegmentsNear(wall, wall, (start, end, offset) => {
      if (!Number.isNaN(found)) return;
      const u = Math.max(start, wall - offset);
      if (u < end) found = u;
    });
    return Number.isNaN(found) ? wall - this.offsetAt(wall) : found;
  }
}

const shared = new Map<string, ZoneOffsets>();

/** The one offset table of a zone, shared by every calendar in it. */
export function zoneOffsets(zone: string): ZoneOffsets {
  let z = shared.get(zone);
  if (!z) {
    z = new ZoneOffsets(zone);
    shared.set(zone, z);
  }
  return z;
}

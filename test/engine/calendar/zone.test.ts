import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkBuildable, DAY_MS, HOUR_MS, utcYearStart, ZoneOffsets, zoneOffsets } from '../../../engine/calendar/zone.js';
import { at, day, show } from './helpers.js';

describe('ZoneOffsets', () => {
  it('finds offset changes to the millisecond', () => {
    const berlin = new ZoneOffsets('Europe/Berlin');
    const spring = Date.parse('2026-03-29T01:00:00Z');
    expect(berlin.offsetAt(spring - 1)).toBe(HOUR_MS);
    expect(berlin.offsetAt(spring)).toBe(2 * HOUR_MS);
    const autumn = Date.parse('2026-10-25T01:00:00Z');
    expect(berlin.offsetAt(autumn - 1)).toBe(2 * HOUR_MS);
    expect(berlin.offsetAt(autumn)).toBe(HOUR_MS);
    const ny = new ZoneOffsets('America/New_York');
    expect(ny.offsetAt(Date.parse('2026-03-08T06:59:59.999Z'))).toBe(-5 * HOUR_MS);
    expect(ny.offsetAt(Date.parse('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR_MS);
    expect(ny.offsetAt(Date.parse('2026-11-01T06:00:00Z'))).toBe(-5 * HOUR_MS);
  });

  it('tells the span of one offset that holds an instant', () => {
    const ny = new ZoneOffsets('America/New_York');
    const spring = Date.parse('2026-03-08T07:00:00Z');
    const autumn = Date.parse('2026-11-01T06:00:00Z');
    const span = { start: 0, end: 0, offset: 0 };
    ny.spanAt(Date.parse('2026-06-01T00:00Z'), span);
    expect(span).toEqual({ start: spring, end: autumn, offset: -4 * HOUR_MS });
    ny.spanAt(spring - 1, span);
    expect(span.end).toBe(spring);
    expect(span.offset).toBe(-5 * HOUR_MS);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom('Europe/Berlin', 'Asia/Shanghai', 'Australia/Lord_Howe'), (ms, zone) => {
        const z = zoneOffsets(zone);
        z.spanAt(ms, span);
        expect(span.start).toBeLessThanOrEqual(ms);
        expect(span.end).toBeGreaterThan(ms);
        expect(z.offsetAt(span.start)).toBe(span.offset);
        expect(z.offsetAt(span.end - 1)).toBe(span.offset);
      }),
      { numRuns: 300 },
    );
  });

  it('extends backwards and forwards across year ends', () => {
    const sh = new ZoneOffsets('Asia/Shanghai');
    expect(sh.offsetAt(Date.parse('2026-06-01T00:00Z'))).toBe(8 * HOUR_MS);
    // China kept summer time from 1986 to 1991: 1988-04-17 02:00 became 03:00.
    expect(sh.offsetAt(Date.parse('1988-06-01T00:00Z'))).toBe(9 * HOUR_MS);
    expect(sh.offsetAt(Date.parse('1988-01-01T00:00Z'))).toBe(8 * HOUR_MS);
    expect(sh.offsetAt(Date.parse('2027-01-01T00:00Z') - 1)).toBe(8 * HOUR_MS);
    expect(sh.localDay(Date.parse('2026-12-31T16:00Z'))).toBe(day('2027-01-01'));
  });

  it('handles instants far apart without building the years between', () => {
    const ny = new ZoneOffsets('America/New_York');
    const started = performance.now();
    expect(ny.offsetAt(Date.parse('2026-07-01T00:00Z'))).toBe(-4 * HOUR_MS);
    expect(ny.offsetAt(Date.parse('2999-01-15T00:00Z'))).toBe(-5 * HOUR_MS);
    expect(ny.offsetAt(Date.parse('1900-01-15T00:00Z'))).toBe(-5 * HOUR_MS);
    expect(ny.offsetAt(Date.parse('2026-12-01T00:00Z'))).toBe(-5 * HOUR_MS);
    // Building 1900..2999 year by year would take seconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  // Offsets are sampled a week apart and each change bisected: at any instant of the
  // supported range the table must agree with luxon, in zones with daylight saving,
  // Ramadan suspensions and permanent changes.
  it('agrees with luxon at random instants of 1970-2199', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Africa/Casablanca', 'Africa/Cairo', 'Asia/Gaza', 'Australia/Lord_Howe', 'Pacific/Apia', 'Europe/Moscow', 'America/Sao_Paulo'];
    const tables = new Map(zones.map((z) => [z, new ZoneOffsets(z)]));
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) - 1 }), (zone, ms) => {
        expect(tables.get(zone)!.offsetAt(ms)).toBe(Math.round(IANAZone.create(zone).offset(ms) * 60_000));
      }),
      { numRuns: 3000 },
    );
  });

  it('misses none of the short summer-time suspensions of 2010-2020, day by day', () => {
    for (const zone of ['Africa/Casablanca', 'Africa/Cairo', 'Asia/Gaza']) {
      const table = new ZoneOffsets(zone);
      const luxon = IANAZone.create(zone);
      for (let ms = Date.UTC(2010, 0, 1, 12); ms < Date.UTC(2021, 0, 1); ms += DAY_MS) {
        expect(table.offsetAt(ms), `${zone} ${new Date(ms).toISOString()}`).toBe(Math.round(luxon.offset(ms) * 60_000));
      }
    }
  });

  it('starts years 0-99 in those years, not in 1900-1999 as Date.UTC would', () => {
    expect(new Date(utcYearStart(50)).toISOString()).toBe('0050-01-01T00:00:00.000Z');
    expect(new Date(utcYearStart(2026)).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  // The timeout is the hang guard: year 0050 once walked back through 1900-1999 for ever.
  it('refuses an instant in year 0050 or 3001 instead of building tables toward it', { timeout: 10_000 }, () => {
    const berlin = new ZoneOffsets('Europe/Berlin');
    expect(berlin.offsetAt(Date.parse('2026-06-01T00:00Z'))).toBe(2 * HOUR_MS);
    expect(() => berlin.offsetAt(Date.parse('0050-06-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => berlin.offsetAt(Date.parse('3001-06-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => new ZoneOffsets('Asia/Shanghai').localDay(Date.parse('0099-12-31T23:00:00Z'))).toThrow(RangeError);
  });

  it('is shared per zone and refuses unknown zones', () => {
    expect(zoneOffsets('Europe/Berlin')).toBe(zoneOffsets('Europe/Berlin'));
    expect(() => new ZoneOffsets('Europe/Atlantis')).toThrow(/not an IANA time zone/);
  });
});

describe('instantOf', () => {
  const berlin = zoneOffsets('Europe/Berlin');
  const ny = zoneOffsets('America/New_York');
  it('is the wall time itself on an ordinary day', () => {
    expect(show(berlin.instantOf(day('2026-03-28'), 150), 'Europe/Berlin')).toBe('2026-03-28T02:30+01:00');
  });
  it('is the end of the gap for a wall time that does not exist', () => {
    expect(berlin.instantOf(day('2026-03-29'), 150)).toBe(Date.parse('2026-03-29T01:00Z'));
    expect(ny.instantOf(day('2026-03-08'), 120)).toBe(Date.parse('2026-03-08T07:00Z'));
  });
  it('is the first occurrence of a wall time that happens twice', () => {
    expect(berlin.instantOf(day('2026-10-25'), 150)).toBe(Date.parse('2026-10-25T00:30Z'));
    expect(ny.instantOf(day('2026-11-01'), 90)).toBe(Date.parse('2026-11-01T05:30Z'));
  });
  it('accepts 24:00 as the next midnight', () => {
    expect(berlin.instantOf(day('2026-03-28'), 1440)).toBe(berlin.instantOf(day('2026-03-29'), 0));
  });
  it('inverts localDay', () => {
    for (let d = day('2026-01-01'); d < day('2027-01-01'); d += 7) {
      const start = ny.instantOf(d, 0);
      expect(ny.localDay(start)).toBe(d);
      expect(ny.localDay(start - 1)).toBe(d - 1);
      expect(ny.instantOf(d + 1, 0) - start).toBeGreaterThanOrEqual(DAY_MS - HOUR_MS);
    }
    expect(ny.localDay(at('2026-11-01T01:30-05:00'))).toBe(day('2026-11-01'));
  });
});

describe('checkBuildable', () => {
  it('accepts exactly the instants of 1900-3000 (UTC), at the millisecond and between', () => {
    const first = utcYearStart(1900);
    const end = utcYearStart(3001);
    for (const ms of [first, first + 0.5, 0, Date.parse('2026-03-02T00:00:00Z'), end - 1, end - 0.5]) expect(() => checkBuildable(ms)).not.toThrow();
    for (const ms of [first - 1, end, end + DAY_MS]) expect(() => checkBuildable(ms)).toThrow(/outside the years business time is computed for \(1900-3000\)/);
    for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(() => checkBuildable(ms)).toThrow(/Not an instant/);
  });

  it('answers as a Date of the instant says, fractions and all', () => {
    const first = utcYearStart(1900);
    const end = utcYearStart(3001);
    const byDate = (ms: number) => {
      const y = new Date(ms).getUTCFullYear();
      return !(y < 1900 || y > 3000);
    };
    const probes = [first - 1, first - 0.5, first - 0.25, first, end - 1, end - 0.5, end, end + 0.5, 8.64e15, -8.64e15, 8.64e15 + 1, -8.64e15 - 1];
    fc.assert(fc.property(fc.oneof(fc.constantFrom(...probes), fc.double({ min: -9e15, max: 9e15, noNaN: true })), (ms) => {
      let ok = true;
      try {
        checkBuildable(ms);
      } catch {
        ok = false;
      }
      expect(ok).toBe(byDate(ms));
    }));
  });
});

// The hand-written formatting of instants against luxon's, which it replaced for speed:
// the same text for every zone and instant, DST changes and odd offsets included.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dayInZone, isoInZone, lengthText, shortInZone } from '../../../engine/evaluate/format.js';

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC', 'Etc/UTC', 'America/Sao_Paulo'];
const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) });
// Up to the last four-digit year (the tables stop at 3000: luxon writes what lies beyond).
const farInstant = fc.oneof(instant, fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) }));
const zone = fc.constantFrom(...ZONES);

describe('isoInZone', () => {
  it("writes what luxon's toISO writes, milliseconds only when there are some", () => {
    fc.assert(
      fc.property(farInstant, zone, fc.boolean(), (ms, z, whole) => {
        const at = whole ? ms - (ms % 60_000) : ms;
        expect(isoInZone(at, z)).toBe(DateTime.fromMillis(at, { zone: z }).toISO({ suppressMilliseconds: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it('is exact on both sides of a DST change', () => {
    const change = Date.parse('2026-03-08T07:00:00Z'); // New York springs forward
    for (const ms of [change - 1, change, change + 1]) {
      expect(isoInZone(ms, 'America/New_York')).toBe(DateTime.fromMillis(ms, { zone: 'America/New_York' }).toISO({ suppressMilliseconds: true }));
    }
    expect(isoInZone(change - 1000, 'America/New_York')).toBe('2026-03-08T01:59:59-05:00');
    expect(isoInZone(change, 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
  });

  it('answers a kept instant by its zone, and walks a DST change an hour at a time', () => {
    // The texts, the date and the offset span are kept between calls: each must answer only for its own zone and span.
    const ms = Date.parse('2026-03-08T06:30:00Z');
    for (let round = 0; round < 3; round++) {
      expect(isoInZone(ms, 'Asia/Shanghai')).toBe('2026-03-08T14:30:00+08:00');
      expect(isoInZone(ms, 'America/New_York')).toBe('2026-03-08T01:30:00-05:00');
      expect(isoInZone(ms, 'UTC')).toBe('2026-03-08T06:30:00Z');
    }
    for (const z of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe']) {
      for (let h = -48; h <= 48 * 200; h += 7) {
        const at = ms + h * 3_600_000 + 59_000;
        expect(isoInZone(at, z)).toBe(DateTime.fromMillis(at, { zone: z }).toISO({ suppressMilliseconds: true }));
      }
    }
  });

  it('is null for no instant, and leaves an unknown zone to luxon', () => {
    expect(isoInZone(null, 'Asia/Shanghai')).toBeNull();
    expect(isoInZone(Number.POSITIVE_INFINITY, 'Asia/Shanghai')).toBeNull();
    expect(isoInZone(0, 'Mars/Olympus')).toBeNull();
    expect(isoInZone(0, 'utc')).toBe('1970-01-01T00:00:00Z');
  });
});

describe('shortInZone and dayInZone', () => {
  it("write what luxon's toFormat writes, with the year only when it differs from the reference's", () => {
    fc.assert(
      fc.property(farInstant, instant, zone, (ms, ref, z) => {
        const d = DateTime.fromMillis(ms, { zone: z });
        const sameYear = d.year === DateTime.fromMillis(ref, { zone: z }).year;
        expect(shortInZone(ms, z, ref)).toBe(d.toFormat(sameYear ? 'MM-dd HH:mm' : 'yyyy-MM-dd HH:mm'));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -3000, max: 60000 }), (day) => {
        expect(dayInZone(day)).toBe(DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' }).toFormat('MM-dd'));
      }),
    );
  });

  it('writes a kept instant again when the reference year or the zone changes', () => {
    const ms = Date.parse('2026-10-08T03:00:00Z');
    const thisYear = Date.parse('2026-12-01T00:00:00Z');
    const nextYear = Date.parse('2027-02-01T00:00:00Z');
    for (let round = 0; round < 2; round++) {
      expect(shortInZone(ms, 'Asia/Shanghai', thisYear)).toBe('10-08 11:00');
      expect(shortInZone(ms, 'Asia/Shanghai', nextYear)).toBe('2026-10-08 11:00');
      expect(shortInZone(ms, 'America/New_York', thisYear)).toBe('10-07 23:00');
    }
  });

  it('writes lengths in days, hours and minutes', () => {
    expect(lengthText(135)).toEqual({ en: '2 h 15 min', zh: '2小时15分钟' });
    expect(lengthText(1440 + 5)).toEqual({ en: '1 d 5 min', zh: '1天5分钟' });
    expect(lengthText(0)).toEqual({ en: '0 min', zh: '0分钟' });
    expect(lengthText(3 * 1440 + 120)).toEqual({ en: '3 d 2 h', zh: '3天2小时' });
    expect(lengthText(60)).toEqual({ en: '1 h', zh: '1小时' });
    expect(lengthText(2 * 1440)).toEqual({ en: '2 d', zh: '2天' });
    expect(lengthText(-5)).toEqual({ en: '0 min', zh: '0分钟' });
    // Every length as the parts it is made of, whatever the texts kept from earlier lengths.
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.double({ min: 0, max: 1e7, noNaN: true })), (minutes) => {
        const m = Math.round(minutes);
        const [d, h, min] = [Math.floor(m / 1440), Math.floor((m % 1440) / 60), m % 60];
        const en = [d ? `${d} d` : '', h ? `${h} h` : '', min || (!d && !h) ? `${min} min` : ''].filter(Boolean).join(' ');
        const zh = `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${min || (!d && !h) ? `${min}分钟` : ''}`;
        expect(lengthText(minutes)).toEqual({ en, zh });
      }),
      { numRuns: 3000 },
    );
  });
});

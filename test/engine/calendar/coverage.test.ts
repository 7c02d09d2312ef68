// Which years a calendar has holiday tables for, read in its own zone: the year of an
// instant is its local year, so 2026-12-31T16:00Z is already 2027 in Shanghai.
import { describe, expect, it } from 'vitest';
import { alwaysSpec, coveredYears, createBusinessCalendar } from '../../../engine/calendar/index.js';
import { at, dates, spec, weekly } from './helpers.js';

const office = weekly('mon-fri 08:30-17:30');
const tables = (...ranges: string[]) => ranges.flatMap((r) => dates(r, '节'));

describe('holiday-table coverage', () => {
  it('lists the years with holidays or make-up days, sorted', () => {
    const s = spec('Asia/Shanghai', office, { holidays: tables('2026-10-01..2026-10-07', '2025-01-01'), workdays: dates('2027-02-20') });
    expect(coveredYears(s)).toEqual([2025, 2026, 2027]);
    expect(createBusinessCalendar(s).coveredYears).toEqual([2025, 2026, 2027]);
  });

  it('answers the local year of an instant in a year without a table, and null inside covered years', () => {
    const cal = createBusinessCalendar(spec('Asia/Shanghai', office, { holidays: tables('2025-10-01', '2026-10-01') }));
    expect(cal.yearWithoutTable(at('2025-01-01T00:00+08:00'))).toBeNull();
    expect(cal.yearWithoutTable(at('2026-12-31T23:59:59+08:00'))).toBeNull();
    expect(cal.yearWithoutTable(at('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(cal.yearWithoutTable(at('2024-12-31T23:59:59+08:00'))).toBe(2024);
  });

  it('reports a missing year between two covered ones', () => {
    const cal = createBusinessCalendar(spec('Asia/Shanghai', office, { holidays: tables('2025-05-01', '2027-05-01') }));
    expect(cal.yearWithoutTable(at('2026-06-01T12:00+08:00'))).toBe(2026);
    expect(cal.yearWithoutTable(at('2027-06-01T12:00+08:00'))).toBeNull();
  });

  it('never reports a calendar that lists no special dates, nor a 24x7 one', () => {
    expect(createBusinessCalendar(spec('Asia/Shanghai', office)).yearWithoutTable(at('2027-01-01T12:00+08:00'))).toBeNull();
    const always = createBusinessCalendar(alwaysSpec('Asia/Shanghai'));
    expect(always.coveredYears).toEqual([]);
    expect(always.yearWithoutTable(at('2027-01-01T12:00+08:00'))).toBeNull();
  });
});

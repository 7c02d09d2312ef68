// The scores page's months and chart, derived by hand from the calendar.
import { describe, expect, it } from 'vitest';
import type { UnitScores } from '../../../../admin-ui/src/api/index.js';
import { csvFileName, levelsOf, monthsEnding, periodOf, trendOption } from '../../../../admin-ui/src/app/scores/months.js';

const score = (period: string, points: number, compliance: number | null, counts: Record<string, number> = {}): UnitScores => ({ unit: 'u', period, points, counts, tickets: compliance === null ? 0 : 10, compliance, light: null });

describe('monthsEnding', () => {
  it('counts back across a new year, oldest first', () => {
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsEnding('2026-12', 1)).toEqual(['2026-12']);
    expect(monthsEnding('2026-12', 12)[0]).toBe('2026-01');
  });
  it('refuses what is not a month', () => {
    expect(() => monthsEnding('2026-2', 3)).toThrow(RangeError);
  });
});

describe('periodOf', () => {
  it('is the month in the browser’s zone', () => {
    expect(periodOf(new Date(2026, 0, 31, 23, 59))).toBe('2026-01');
  });
});

describe('levelsOf', () => {
  it('orders blue, yellow, red, then any other level by name, each once', () => {
    expect(levelsOf([score('2026-01', 0, 90, { red: 1, blue: 2 }), score('2026-02', 0, 90, { yellow: 1, amber: 1 })])).toEqual(['blue', 'yellow', 'red', 'amber']);
    expect(levelsOf([])).toEqual([]);
  });
});

describe('trendOption', () => {
  it('draws points as bars and compliance as a line, a month without tickets as a gap', () => {
    const option = trendOption([score('2026-01', 3, 92.5), score('2026-02', 0, null)], { title: 'T', points: 'P', compliance: 'C' }) as {
      xAxis: { data: string[] };
      series: { type: string; data: (number | null)[]; yAxisIndex?: number }[];
      aria: { enabled: boolean };
    };
    expect(option.xAxis.data).toEqual(['2026-01', '2026-02']);
    expect(option.series[0]).toMatchObject({ type: 'bar', data: [3, 0] });
    expect(option.series[1]).toMatchObject({ type: 'line', data: [92.5, null], yAxisIndex: 1 });
    expect(option.aria.enabled).toBe(true);
  });
});

describe('csvFileName', () => {
  it('keeps a unit’s slash out of the file name', () => {
    expect(csvFileName('jinxiu-garden/engineering', '2026-11')).toBe('scores-jinxiu-garden_engineering-2026-11.csv');
    expect(csvFileName('锦绣/客服部', '2026-11')).toBe('scores-锦绣_客服部-2026-11.csv');
  });
});

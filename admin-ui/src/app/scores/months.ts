// The months the scores page asks about, and the chart drawn from a unit's months. Pure:
// the page fetches, these shape.
import type { UnitScores } from '../../api/index.js';

/** YYYY-MM of the instant in the browser's zone. */
export function periodOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `period` (YYYY-MM), oldest first. */
export function monthsEnding(period: string, count: number): string[] {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new RangeError(`not a month: ${period}`);
  const last = Number(match[1]) * 12 + Number(match[2]) - 1;
  const out: string[] = [];
  for (let m = last - count + 1; m <= last; m++) out.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  return out;
}

/** The warning levels any of the scores counted, in a stable order (the usual three first). */
export function levelsOf(scores: readonly UnitScores[]): string[] {
  const usual = ['blue', 'yellow', 'red'];
  const seen = new Set(scores.flatMap((s) => Object.keys(s.counts)));
  return [...usual.filter((l) => seen.has(l)), ...[...seen].filter((l) => !usual.includes(l)).sort()];
}

export interface TrendLabels {
  title: string;
  points: string;
  compliance: string;
}

/** The ECharts option of a unit's months: points as bars, compliance as a line on its own axis. */
export function trendOption(months: readonly UnitScores[], labels: TrendLabels): Record<string, unknown> {
  return {
    aria: { enabled: true, label: { description: labels.title } },
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.points, labels.compliance] },
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => m.period) },
    yAxis: [
      { type: 'value', name: labels.points, minInterval: 1 },
      { type: 'value', name: labels.compliance, min: 0, max: 100 },
    ],
    series: [
      { name: labels.points, type: 'bar', data: months.map((m) => m.points), itemStyle: { color: '#cf222e' } },
      // A month without tickets has no rate: a gap, not a zero.
      { name: labels.compliance, type: 'line', yAxisIndex: 1, data: months.map((m) => m.compliance), connectNulls: false, itemStyle: { color: '#1f6feb' } },
    ],
  };
}

/** The file name of a unit's month as CSV: the unit's slash would make a folder. */
export function csvFileName(unit: string, period: string): string {
  return `scores-${unit.replace(/[^\p{L}\p{N}._-]+/gu, '_')}-${period}.csv`;
}

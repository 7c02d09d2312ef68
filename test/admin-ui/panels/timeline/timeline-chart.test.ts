// The timeline's ECharts option, read in Node: rows top to bottom, the axis over the shared
// window, one custom series per layer in drawing order, tooltips by series and index, the
// marks' shapes and the warning levels' colours, and the "now" line only while it is in view.
import { describe, expect, it } from 'vitest';
import { BAR_COLOURS, LEVEL_COLOURS, SERIES, SHADE_COLOURS, chartHeight, timelineOption, type TimelineTexts } from '../../../../admin-ui/src/panels/timeline/timeline-chart.js';
import type { TimelineSide } from '../../../../admin-ui/src/panels/timeline/timeline-model.js';

const H = 3600_000;
const side: TimelineSide = {
  rows: [{ key: 'contact', label: '联系', state: 'breached', target: '30m', calendar: null, always: true }, { key: '(warnings)' }],
  bars: [
    { row: 0, fromMs: 0, toMs: 0.5 * H, kind: 'running' },
    { row: 0, fromMs: 0.5 * H, toMs: 3 * H, kind: 'overdue' },
  ],
  shades: [{ row: 0, fromMs: 0, toMs: H, kind: 'holiday', label: '清明节' }],
  marks: [
    { row: 0, atMs: 0.5 * H, kind: 'due', name: 'contact', source: { uri: 'a.sla', line: 3 } },
    { row: 0, atMs: 0.5 * H, kind: 'breach', name: 'contact', source: { uri: 'a.sla', line: 3 } },
    { row: 1, atMs: 1.5 * H, kind: 'warning', name: 'yellow', source: { uri: 'a.sla', line: 9 } },
    { row: 1, atMs: 2 * H, kind: 'warning', name: 'orange', source: { uri: 'a.sla', line: 12 } },
  ],
  atMs: 3 * H,
  zone: 'Asia/Shanghai',
  unshaded: false,
};
const texts: TimelineTexts = {
  row: (i) => `row ${i}`,
  bar: (b) => `bar ${b.kind}`,
  shade: (s) => `shade ${s.kind}`,
  mark: (m) => `mark ${m.kind} ${m.name}`,
  now: 'now',
  time: (ms) => `t${ms / H}`,
  description: 'two rows',
};
const window = { fromMs: -H, toMs: 4 * H };

type Series = { name: string; data: unknown[]; renderItem: (params: unknown, api: unknown) => Record<string, unknown> };
const seriesOf = (option: ReturnType<typeof timelineOption>): Series[] => option.series as unknown as Series[];

/** An API whose x is the hour and whose row y is 100 * row, each row 40 px high. */
function fakeApi(value: number[]) {
  return {
    value: (i: number) => value[i],
    coord: ([x, y]: number[]) => [(x as number) / H, (y as number) * 100],
    size: () => [0, 40],
  };
}

describe('timelineOption', () => {
  const option = timelineOption(side, window, texts);

  it('lists the rows top to bottom over the shared window, with the aria description', () => {
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['row 0', 'row 1'] });
    expect(option.xAxis).toMatchObject({ type: 'time', min: -H, max: 4 * H });
    expect((option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter(2 * H)).toBe('t2');
    expect(option.aria).toEqual({ enabled: true, label: { description: 'two rows' } });
    expect(chartHeight(2)).toBe(2 * 44 + 56);
  });

  it('draws shades, bars, marks and now in that order, each tooltip its own', () => {
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['shades', 'bars', 'marks', 'now']);
    expect(SERIES).toEqual({ shades: 0, bars: 1, marks: 2, now: 3 });
    expect(series[1]!.data).toEqual([[0, 0, 0.5 * H], [0, 0.5 * H, 3 * H]]);
    expect(series[2]!.data).toEqual([[0, 0.5 * H], [0, 0.5 * H], [1, 1.5 * H], [1, 2 * H]]);
    const tip = (option.tooltip as { formatter: (p: unknown) => string }).formatter;
    expect(tip({ seriesIndex: 0, dataIndex: 0 })).toBe('shade holiday');
    expect(tip({ seriesIndex: 1, dataIndex: 1 })).toBe('bar overdue');
    expect(tip({ seriesIndex: 2, dataIndex: 2 })).toBe('mark warning yellow');
    expect(tip({ seriesIndex: 3, dataIndex: 0 })).toBe('now');
  });

  it('colours bars by kind and shades by kind, spanning their instants on their row', () => {
    const [shades, bars] = seriesOf(option);
    const overdue = bars!.renderItem({ dataIndex: 1 }, fakeApi([0, 0.5 * H, 3 * H]));
    // 42% of the 40 px row, centred on y = 0.
    expect(overdue).toMatchObject({ type: 'rect', style: { fill: BAR_COLOURS.overdue } });
    expect(overdue['shape']).toMatchObject({ x: 0.5, width: 2.5 });
    expect((overdue['shape'] as { height: number }).height).toBeCloseTo(16.8);
    expect(shades!.renderItem({ dataIndex: 0 }, fakeApi([0, 0, H]))).toMatchObject({ type: 'rect', shape: { x: 0, y: -20, width: 1, height: 40 }, style: { fill: SHADE_COLOURS.holiday } });
  });

  it('draws a due diamond, a breach cross, warnings in their level’s colour and grey for a level it does not know', () => {
    const marks = seriesOf(option)[2]!;
    expect(marks.renderItem({ dataIndex: 0 }, fakeApi([0, 0.5 * H]))).toMatchObject({ type: 'polygon' });
    expect(marks.renderItem({ dataIndex: 1 }, fakeApi([0, 0.5 * H]))).toMatchObject({ type: 'group' });
    expect(marks.renderItem({ dataIndex: 2 }, fakeApi([1, 1.5 * H]))).toMatchObject({ type: 'circle', shape: { cx: 1.5, cy: 100 }, style: { fill: LEVEL_COLOURS['yellow'] } });
    expect(marks.renderItem({ dataIndex: 3 }, fakeApi([1, 2 * H]))).toMatchObject({ type: 'circle', style: { fill: '#57606a' } });
  });

  it('draws the now line only while `at` is inside the window', () => {
    expect(seriesOf(option)[3]!.data).toEqual([[0, 3 * H]]);
    expect(seriesOf(timelineOption(side, { fromMs: -H, toMs: 2 * H }, texts))[3]!.data).toEqual([]);
  });
});

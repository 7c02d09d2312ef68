// A timeline side as an ECharts option: one category row per clock (and the warnings), a
// time axis in the policy's zone, and four custom series drawn in order: the calendar's
// shading, the bars, the marks (clickable: each opens its rule's line) and the "now"
// line. Pure: the texts come in as functions, so the tests read the option in Node; the
// chart itself is drawn by ECharts loaded with the impact panel's loader (echarts-bars.ts).
import type { CustomSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import type { ComposeOption } from 'echarts/core';
import type { Bar, BarKind, Mark, Shade, TimelineSide, Window } from './timeline-model.js';

export type TimelineChartOption = ComposeOption<CustomSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption>;

export interface TimelineTexts {
  row(index: number): string;
  bar(bar: Bar): string;
  shade(shade: Shade): string;
  mark(mark: Mark): string;
  now: string;
  /** An instant as the axis shows it (in the policy's zone). */
  time(ms: number): string;
  /** The chart in a sentence or two, for screen readers (ECharts' aria description). */
  description: string;
}

/** The series in drawing order; a click's seriesIndex says which was hit. */
export const SERIES = { shades: 0, bars: 1, marks: 2, now: 3 } as const;

export const BAR_COLOURS: Record<BarKind, string> = { running: '#0969da', paused: '#8c959f', overdue: '#cf222e' };
export const SHADE_COLOURS = { service: 'rgba(45, 164, 78, 0.14)', holiday: 'rgba(207, 34, 46, 0.12)' } as const;
/** Warning levels by their usual names; any other level is drawn grey. */
export const LEVEL_COLOURS: Record<string, string> = { blue: '#0969da', yellow: '#d4a72c', red: '#cf222e' };
const OTHER_LEVEL = '#57606a';
const INK = '#1f2328';

const ROW_PX = 44;
/** The chart's height in pixels for `rows` rows: the grid plus its axis. */
export const chartHeight = (rows: number): number => Math.max(1, rows) * ROW_PX + 56;

type Api = CustomSeriesRenderItemAPI;
type Rect = { x: number; y: number; width: number; height: number };

function band(api: Api): number {
  const size = api.size?.([0, 1]);
  return Array.isArray(size) ? (size[1] as number) : ROW_PX;
}

/** A span's rectangle on its row, `share` of the row's height, centred. */
function spanRect(api: Api, share: number): Rect {
  const row = api.value(0) as number;
  const [x0, y] = api.coord([api.value(1), row]) as [number, number];
  const [x1] = api.coord([api.value(2), row]) as [number, number];
  const h = band(api) * share;
  return { x: x0, y: y - h / 2, width: Math.max(x1 - x0, 1), height: h };
}

function markShape(mark: Mark, x: number, y: number, h: number): CustomSeriesRenderItemReturn {
  const r = h * 0.22;
  switch (mark.kind) {
    case 'due':
      return { type: 'polygon', shape: { points: [[x, y - r], [x + r, y], [x, y + r], [x - r, y]] }, style: { fill: '#fff', stroke: INK, lineWidth: 2 } };
    case 'breach':
      // A red cross over the due diamond: where the clock ran past its due time.
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: x - r, y1: y - r, x2: x + r, y2: y + r }, style: { stroke: BAR_COLOURS.overdue, lineWidth: 3 } },
          { type: 'line', shape: { x1: x - r, y1: y + r, x2: x + r, y2: y - r }, style: { stroke: BAR_COLOURS.overdue, lineWidth: 3 } },
        ],
      };
    case 'warning':
      return { type: 'circle', shape: { cx: x, cy: y, r: r * 1.1 }, style: { fill: LEVEL_COLOURS[mark.name] ?? OTHER_LEVEL, stroke: INK, lineWidth: 1 } };
    case 'update':
      // An update that met a recurring deadline: a small triangle on the bar.
      return { type: 'polygon', shape: { points: [[x, y - r], [x + r * 0.9, y + r * 0.7], [x - r * 0.9, y + r * 0.7]] }, style: { fill: '#fff', stroke: INK, lineWidth: 1.5 } };
    case 'pause':
      return { type: 'rect', shape: { x: x - 4, y: y - r, width: 8, height: 2 * r }, style: { fill: '#fff', stroke: INK, lineWidth: 1.5 } };
    default:
      // start and stop: a tick across the bar.
      return { type: 'line', shape: { x1: x, y1: y - h * 0.34, x2: x, y2: y + h * 0.34 }, style: { stroke: INK, lineWidth: 2 } };
  }
}

export function timelineOption(side: TimelineSide, window: Window, texts: TimelineTexts): TimelineChartOption {
  const tips: string[][] = [side.shades.map(texts.shade), side.bars.map(texts.bar), side.marks.map(texts.mark), [texts.now]];
  const open = side.atMs > window.fromMs && side.atMs < window.toMs;
  return {
    aria: { enabled: true, label: { description: texts.description } },
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: unknown) => tips[(p as { seriesIndex: number }).seriesIndex]?.[(p as { dataIndex: number }).dataIndex] ?? '' },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'time',
      min: window.fromMs,
      max: window.toMs,
      axisLabel: { formatter: (value: number) => texts.time(value), hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: '#eaeef2' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: side.rows.map((_, i) => texts.row(i)),
      axisLabel: { width: 160, overflow: 'truncate' },
      splitLine: { show: true, lineStyle: { color: '#d0d7de' } },
    },
    series: [
      {
        type: 'custom',
        name: 'shades',
        data: side.shades.map((s) => [s.row, s.fromMs, s.toMs]),
        renderItem: (params: CustomSeriesRenderItemParams, api: Api) => {
          const shade = side.shades[params.dataIndex] as Shade;
          return { type: 'rect', shape: spanRect(api, 1), style: { fill: SHADE_COLOURS[shade.kind] } };
        },
        encode: { x: [1, 2], y: 0 },
        z: 1,
      },
      {
        type: 'custom',
        name: 'bars',
        data: side.bars.map((b) => [b.row, b.fromMs, b.toMs]),
        renderItem: (params: CustomSeriesRenderItemParams, api: Api) => {
          const bar = side.bars[params.dataIndex] as Bar;
          return { type: 'rect', shape: spanRect(api, bar.kind === 'paused' ? 0.3 : 0.42), style: { fill: BAR_COLOURS[bar.kind] } };
        },
        encode: { x: [1, 2], y: 0 },
        z: 2,
      },
      {
        type: 'custom',
        name: 'marks',
        cursor: 'pointer',
        data: side.marks.map((m) => [m.row, m.atMs]),
        renderItem: (params: CustomSeriesRenderItemParams, api: Api) => {
          const [x, y] = api.coord([api.value(1), api.value(0)]) as [number, number];
          return markShape(side.marks[params.dataIndex] as Mark, x, y, band(api));
        },
        encode: { x: 1, y: 0 },
        z: 3,
      },
      {
        type: 'custom',
        name: 'now',
        silent: !open,
        data: open ? [[0, side.atMs]] : [],
        renderItem: (params: CustomSeriesRenderItemParams, api: Api) => {
          const [x] = api.coord([api.value(1), 0]) as [number, number];
          const sys = params.coordSys as unknown as Rect;
          return { type: 'line', shape: { x1: x, y1: sys.y, x2: x, y2: sys.y + sys.height }, style: { stroke: '#8250df', lineWidth: 2, lineDash: [4, 3] } };
        },
        encode: { x: 1, y: 0 },
        z: 4,
      },
    ],
  };
}

// The impact as charts: breaches per clock and tickets per warning level, active against
// draft, as grouped bars. The options are made here (pure, tested in Node); Apache ECharts
// itself loads only when a report is drawn, by dynamic import of echarts-bars.ts: the
// tree-shaken `echarts/core` with just the bar chart, its grid, legend, tooltip and the aria
// description (screen readers get a sentence per chart), drawn on canvas.
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption, AriaComponentOption } from 'echarts/components';
import type { ComposeOption, EChartsCoreOption, EChartsType } from 'echarts/core';
import type { Compared } from './impact-rows.js';

export type ImpactChartOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption>;

export interface ChartLabels {
  active: string;
  draft: string;
  /** How a row's name reads on the axis ('none' → 无预警). */
  name?: (name: string) => string;
}

const ACTIVE_COLOUR = '#8c959f';
const DRAFT_COLOUR = '#0969da';

/** Grouped bars: one group per row, the active policy's count beside the draft's. */
export function comparedBars(rows: readonly Compared[], labels: ChartLabels): ImpactChartOption {
  const name = labels.name ?? ((n: string) => n);
  return {
    aria: { enabled: true },
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.active, labels.draft], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => name(r.name)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.active, type: 'bar', data: rows.map((r) => r.active), itemStyle: { color: ACTIVE_COLOUR } },
      { name: labels.draft, type: 'bar', data: rows.map((r) => r.draft), itemStyle: { color: DRAFT_COLOUR } },
    ],
  };
}

let loading: Promise<typeof import('./echarts-bars.js')> | undefined;

/** Draws `option` in `element` (an impact chart, or a ticket's timeline); the chart, to dispose of when the element goes or the data changes. */
export async function drawChart(element: HTMLElement, option: EChartsCoreOption): Promise<EChartsType> {
  loading ??= import('./echarts-bars.js');
  const { init } = await loading;
  const chart = init(element, undefined, { renderer: 'canvas' });
  chart.setOption(option);
  return chart;
}

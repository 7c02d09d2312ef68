// ECharts, loaded on first use only (the scores page's trend): the core and just the
// chart kinds and components the page draws, so the rest of echarts never ships, and
// pages without charts never fetch it.
export interface Chart {
  setOption(option: Record<string, unknown>, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
}

/** What this file uses of echarts/core. Typed here because the Node-side type check (tests import this page) resolves echarts' typings differently from Vite's. */
interface EChartsCore {
  use(parts: unknown[]): void;
  init(element: HTMLElement, theme?: string, options?: { renderer: 'svg' | 'canvas' }): Chart;
}
type Parts = Record<string, unknown>;

let loading: Promise<(element: HTMLElement) => Chart> | undefined;

export function loadCharts(): Promise<(element: HTMLElement) => Chart> {
  loading ??= (async () => {
    const [core, charts, components, renderers] = (await Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')])) as unknown as [EChartsCore, Parts, Parts, Parts];
    core.use([charts['BarChart'], charts['LineChart'], components['GridComponent'], components['TooltipComponent'], components['LegendComponent'], components['AriaComponent'], renderers['SVGRenderer']]);
    return (element: HTMLElement) => core.init(element, undefined, { renderer: 'svg' });
  })();
  return loading;
}

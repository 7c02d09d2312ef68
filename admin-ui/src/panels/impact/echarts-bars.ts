// The one module that imports ECharts, statically and only what the impact charts use, so
// the bundler keeps nothing else of it; impact-charts.ts loads this module by dynamic
// import when a report is first drawn, so no other page carries it.
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export { init };

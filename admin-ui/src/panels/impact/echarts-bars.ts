// The one module of the panels that imports ECharts, statically and only what the panels
// draw (the impact's bars, the ticket timeline's custom Gantt series), so the bundler keeps
// nothing else of it; impact-charts.ts loads this module by dynamic import when a chart is
// first drawn, so no other page carries it.
import { BarChart, CustomChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, CustomChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export { init };

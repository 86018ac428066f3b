// ECharts, with only the charts and components the app uses, and the app's two chart themes.
import { BarChart, HeatmapChart, LineChart, ParallelChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  ParallelComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { chartPalette, type ChartPalette } from './chart-palette';

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  ParallelChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  VisualMapComponent,
  TitleComponent,
  ToolboxComponent,
  MarkLineComponent,
  ParallelComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export type Chart = echarts.ECharts;

function themeOf(p: ChartPalette): object {
  const axis = {
    axisLine: { lineStyle: { color: p.axis } },
    axisTick: { lineStyle: { color: p.axis } },
    axisLabel: { color: p.textMuted },
    splitLine: { lineStyle: { color: p.grid } },
    nameTextStyle: { color: p.textMuted },
  };
  return {
    color: p.series,
    backgroundColor: 'transparent',
    textStyle: { color: p.text, fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    title: { textStyle: { color: p.text }, subtextStyle: { color: p.textMuted } },
    legend: { textStyle: { color: p.textMuted }, inactiveColor: p.grid },
    categoryAxis: axis,
    valueAxis: axis,
    logAxis: axis,
    timeAxis: axis,
    tooltip: { backgroundColor: p.tooltip, borderColor: p.grid, textStyle: { color: p.text } },
    visualMap: { textStyle: { color: p.textMuted } },
    dataZoom: { textStyle: { color: p.textMuted }, borderColor: p.grid },
    parallelAxis: axis,
  };
}

echarts.registerTheme('wb-light', themeOf(chartPalette('light')));
echarts.registerTheme('wb-dark', themeOf(chartPalette('dark')));

export { echarts };

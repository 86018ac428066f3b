// ECharts option of a metric against one parameter across runs: a point per run (jittered on a category axis),
// x on a log scale when the parameter spans a decade or more, y fitted to the data.
import type { RunSummary } from '../../../shared/api-types';
import type { RunColumn } from '../../../shared/run-columns';
import { chartPalette } from './chart-palette';
import { escapeHtml } from './escape-html';
import type { ChartOption } from './echarts';
import { formatParam } from './format';
import { metricText } from './parallel-options';
import { axisValue, type ParamAxis } from './param-space';

export interface ScatterPoint {
  readonly run: RunSummary;
  readonly x: number | string;
  readonly y: number;
}

/** The runs that have both values, as points. */
export function scatterPoints(axis: ParamAxis, metric: RunColumn, runs: readonly RunSummary[], now: number): ScatterPoint[] {
  return runs.flatMap((run) => {
    const x = axisValue(axis, run, now);
    const y = metric.value(run, now);
    return x === null || typeof y !== 'number' ? [] : [{ run, x, y }];
  });
}

export function scatterOption(axis: ParamAxis, metric: RunColumn, points: readonly ScatterPoint[], theme: 'light' | 'dark'): ChartOption {
  const p = chartPalette(theme);
  const percent = metric.kind === 'percent';
  const fmt = metricText(percent, percent ? 1 : 3);
  const xAxis =
    axis.kind === 'category'
      ? {
          type: 'category',
          data: [...axis.categories],
          name: axis.column.label,
          nameLocation: 'middle',
          nameGap: 28,
          jitter: 24,
          axisLabel: { interval: 0, width: 110, overflow: 'truncate', hideOverlap: true },
        }
      : {
          type: axis.log ? 'log' : 'value',
          scale: true,
          name: axis.column.label,
          nameLocation: 'middle',
          nameGap: 28,
          axisLabel: { formatter: (v: number) => formatParam(v), hideOverlap: true },
          splitLine: { show: false },
        };
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 30, bottom: 48 },
    tooltip: {
      trigger: 'item',
      formatter: (item: { dataIndex: number }) => {
        const pt = points[item.dataIndex];
        if (!pt) return '';
        const x = typeof pt.x === 'number' ? formatParam(pt.x) : pt.x;
        return `<b>${escapeHtml(pt.run.name)}</b> #${pt.run.id}<br/>${escapeHtml(axis.column.label)} ${escapeHtml(x)} · ${escapeHtml(metric.label)} ${metricText(percent, 2)(pt.y)}`;
      },
    },
    xAxis,
    yAxis: { type: 'value', scale: true, name: metric.label, nameTextStyle: { align: 'left' }, axisLabel: { formatter: fmt, hideOverlap: true } },
    series: [
      {
        type: 'scatter',
        data: points.map((pt) => [pt.x, pt.y]),
        symbolSize: 9,
        itemStyle: { color: p.series[0], opacity: 0.8, borderColor: p.background, borderWidth: 1 },
        emphasis: { scale: 1.4 },
      },
    ],
  };
}

// ECharts parallel coordinates: one axis per parameter and a last one for the metric, one line per run coloured by
// the metric. The colour bar lies under the axes (it used to sit over the metric axis's ticks), labels are cut to
// the room between axes, and numeric axes get nice ticks (their ends at data min/max made labels collide).
import { chartPalette } from './chart-palette';
import type { ChartOption } from './echarts';
import { formatParam } from './format';

export interface ParallelAxisSpec {
  /** The id the axis brushes by (a column id). */
  readonly id: string;
  readonly name: string;
  readonly kind: 'number' | 'category';
  readonly categories: readonly string[];
  readonly log: boolean;
  /** Whole numbers only (seeds, epochs): no ticks between them. */
  readonly integer?: boolean;
}

export interface ParallelSpec {
  readonly axes: readonly ParallelAxisSpec[];
  readonly metric: { readonly id: string; readonly name: string; readonly percent: boolean };
  /** One row per run: a value per axis (null where the run lacks it), then the metric. */
  readonly rows: readonly (readonly (number | string | null)[])[];
  readonly theme: 'light' | 'dark';
  /** Chart width in pixels, to fit labels between the axes (default 720). */
  readonly width?: number;
}

const LEFT = 64;
const RIGHT = 72;

export const metricText =
  (percent: boolean, digits = 1) =>
  (v: number) =>
    percent ? `${(v * 100).toFixed(digits)}%` : formatParam(v);

export function parallelOption(spec: ParallelSpec): ChartOption {
  const p = chartPalette(spec.theme);
  const metrics = spec.rows.map((r) => r[r.length - 1]).filter((v): v is number => typeof v === 'number');
  const lo = metrics.length ? Math.min(...metrics) : 0;
  const hi = metrics.length ? Math.max(...metrics) : 1;
  const gap = ((spec.width ?? 720) - LEFT - RIGHT) / Math.max(1, spec.axes.length);
  const label = { color: p.textMuted, width: Math.max(40, Math.min(120, gap - 16)), overflow: 'truncate' as const, fontSize: 11 };
  const axes = spec.axes.map((a, dim) =>
    a.kind === 'category'
      ? { id: a.id, dim, name: a.name, type: 'category', data: [...a.categories], axisLabel: label }
      : {
          id: a.id,
          dim,
          name: a.name,
          type: a.log ? 'log' : 'value',
          scale: true,
          minInterval: a.integer ? 1 : undefined,
          axisLabel: { ...label, formatter: (v: number) => formatParam(v) },
        },
  );
  const fmt = metricText(spec.metric.percent);
  return {
    animation: false,
    parallel: {
      left: LEFT,
      right: RIGHT,
      top: 44,
      bottom: 64,
      parallelAxisDefault: {
        nameLocation: 'end',
        nameGap: 14,
        nameTextStyle: { fontSize: 12, color: p.text, width: Math.max(60, gap - 8), overflow: 'truncate' },
        axisLine: { lineStyle: { color: p.axis } },
        areaSelectStyle: { width: 18, opacity: 0.35 },
      },
    },
    parallelAxis: [
      ...axes,
      { id: spec.metric.id, dim: spec.axes.length, name: spec.metric.name, type: 'value', scale: true, axisLabel: { ...label, formatter: fmt } },
    ],
    visualMap: {
      type: 'continuous',
      min: lo,
      max: hi === lo ? lo + (spec.metric.percent ? 0.01 : 1) : hi,
      dimension: spec.axes.length,
      orient: 'horizontal',
      left: 'center',
      bottom: 6,
      itemWidth: 10,
      itemHeight: 180,
      calculable: false,
      text: [fmt(hi), fmt(lo)],
      textGap: 8,
      textStyle: { color: p.textMuted, fontSize: 11 },
      inRange: { color: [...p.sequential].slice(1) },
    },
    series: [
      {
        type: 'parallel',
        data: spec.rows.map((r) => [...r]),
        lineStyle: { width: 1.6, opacity: 0.75 },
        inactiveOpacity: 0.06,
        activeOpacity: 0.9,
        smooth: false,
      },
    ],
  };
}

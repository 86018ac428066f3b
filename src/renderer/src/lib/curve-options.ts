// ECharts options for training curves: per-step series smoothed (raw kept faint behind), per-epoch series as
// marked lines, x in epochs or steps. Long series are cut to what a chart can show (LTTB) before drawing.
import { lttbIndices } from '../../../shared/downsample';
import type { ChartOption } from './echarts';
import { chartPalette } from './chart-palette';
import { axisTickFormatter, formatValue, percentTick } from './format';
import { smoothEma } from '../../../shared/ema';

export type XMode = 'epoch' | 'step';

/** One line of a curve chart. */
export interface CurveLine {
  readonly name: string;
  readonly steps: readonly number[];
  readonly values: readonly (number | null)[];
  /** Index into the palette. */
  readonly color: number;
  /** Per-step lines get smoothing and a faint raw copy; per-epoch lines get markers. */
  readonly kind: 'step' | 'epoch';
  readonly dashed?: boolean;
}

export interface CurveChartSpec {
  readonly title?: string;
  readonly lines: readonly CurveLine[];
  readonly x: XMode;
  /** Steps per epoch (x = step / stepsPerEpoch in epoch mode); null falls back to steps. */
  readonly stepsPerEpoch: number | null;
  readonly smoothing: number;
  readonly theme: 'light' | 'dark';
  readonly yName?: string;
  readonly yPercent?: boolean;
  readonly yLog?: boolean;
  /** Most points drawn per line. */
  readonly maxPoints?: number;
  /** Right end of the x axis in steps (a live run's planned length, so the curve fills the chart as it trains). */
  readonly xMaxSteps?: number | null;
}

type Point = [number, number | null];

/** Points of a line in chart coordinates, downsampled to `max` (nulls kept as gaps when not downsampled). */
export function linePoints(steps: readonly number[], values: readonly (number | null)[], toX: (s: number) => number, max: number): Point[] {
  const n = steps.length;
  if (n <= max) return steps.map((s, i) => [toX(s), values[i] ?? null]);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (values[i] !== null && values[i] !== undefined) keep.push(i);
  const xs = keep.map((i) => steps[i]!);
  const ys = keep.map((i) => values[i] as number);
  return lttbIndices(xs, ys, max).map((j) => [toX(xs[j]!), ys[j]!]);
}

export function curveOption(spec: CurveChartSpec): ChartOption {
  const palette = chartPalette(spec.theme);
  const max = spec.maxPoints ?? 3000;
  const epochX = spec.x === 'epoch' && spec.stepsPerEpoch !== null && spec.stepsPerEpoch > 0;
  const toX = epochX ? (s: number) => s / spec.stepsPerEpoch! : (s: number) => s;
  const series: object[] = [];
  const legend: string[] = [];

  for (const line of spec.lines) {
    if (line.steps.length === 0) continue;
    const color = palette.series[line.color % palette.series.length]!;
    legend.push(line.name);
    const base = { type: 'line', name: line.name, showSymbol: false, animation: false, emphasis: { disabled: true } };
    if (line.kind === 'step' && spec.smoothing > 0) {
      series.push({
        ...base,
        data: linePoints(line.steps, line.values, toX, max),
        lineStyle: { width: 1, color, opacity: 0.22 },
        itemStyle: { color },
        silent: true,
        tooltip: { show: false },
        z: 1,
      });
      series.push({
        ...base,
        data: linePoints(line.steps, smoothEma(line.values, spec.smoothing), toX, max),
        lineStyle: { width: 1.8, color },
        itemStyle: { color },
        z: 2,
      });
    } else if (line.kind === 'step') {
      series.push({ ...base, data: linePoints(line.steps, line.values, toX, max), lineStyle: { width: 1.5, color }, itemStyle: { color }, z: 2 });
    } else {
      series.push({
        ...base,
        data: linePoints(line.steps, line.values, toX, max),
        showSymbol: true,
        symbol: 'circle',
        symbolSize: line.steps.length > 60 ? 3 : 6,
        lineStyle: { width: 2, color, type: line.dashed ? 'dashed' : 'solid' },
        itemStyle: { color },
        z: 3,
      });
    }
  }

  let extent = 0;
  for (const line of spec.lines) for (const v of line.values) if (v !== null && Number.isFinite(v)) extent = Math.max(extent, Math.abs(v));
  const fmt = spec.yPercent ? percentTick : axisTickFormatter(extent);
  return {
    title: spec.title ? { text: spec.title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } } : undefined,
    animation: false,
    grid: { left: 56, right: 18, top: spec.title ? 40 : 34, bottom: 36 },
    legend: { data: legend, top: spec.title ? 6 : 4, right: 10, itemWidth: 14, itemHeight: 8, icon: 'roundRect', textStyle: { fontSize: 11.5 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'line', animation: false },
      valueFormatter: (v: unknown) => (typeof v === 'number' ? (spec.yPercent ? `${(v * 100).toFixed(2)}%` : formatValue(v)) : '—'),
    },
    xAxis: {
      type: 'value',
      name: epochX ? 'epoch' : 'step',
      nameLocation: 'end',
      nameGap: 6,
      nameTextStyle: { fontSize: 11, align: 'right', verticalAlign: 'top', padding: [14, 0, 0, 0] },
      min: 0,
      max: spec.xMaxSteps ? toX(spec.xMaxSteps) : 'dataMax',
      axisLabel: { formatter: (v: number) => (epochX ? String(Number(v.toFixed(2))) : formatValue(v)) },
      // The tooltip's heading: a step is a whole number, an epoch a fraction of the run.
      axisPointer: { label: { formatter: ({ value }: { value: number }) => (epochX ? `epoch ${Number(value.toFixed(2))}` : `step ${Math.round(value)}`) } },
      splitLine: { show: false },
    },
    yAxis: {
      type: spec.yLog ? 'log' : 'value',
      name: spec.yName,
      scale: !spec.yPercent,
      max: spec.yPercent ? (v: { max: number }) => Math.min(1, Math.ceil(v.max * 20) / 20 + 0.0001) : undefined,
      axisLabel: { formatter: fmt },
    },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none' }],
    series,
  };
}

// A parameter's distribution across epochs, TensorBoard's two ways: a ridge plot (one histogram per epoch, stacked
// with the latest in front) and bands of quantiles over the epochs (the distributions view).
import type { ParamHistory } from '../../../shared/api-inspect-types';
import { chartPalette } from './chart-palette';
import type { ChartOption } from './echarts';
import { axisTickFormatter, formatValue } from './format';

type Theme = 'light' | 'dark';
type EpochHistogram = ParamHistory['epochs'][number];

/** How far a ridge may rise into the one above it, in ridge spacings. */
const OVERLAP = 1.6;

/** The value below which a share `q` of the histogram's values lie (linear within a bin). */
export function histogramQuantile(h: Pick<EpochHistogram, 'min' | 'max' | 'counts'>, q: number): number {
  const total = h.counts.reduce((a, b) => a + b, 0);
  if (total === 0 || h.counts.length === 0) return NaN;
  const width = (h.max - h.min) / h.counts.length;
  const target = q * total;
  let below = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i]!;
    if (below + c >= target && c > 0) return h.min + (i + (target - below) / c) * width;
    below += c;
  }
  return h.max;
}

/** The epoch a ridge is drawn for, as its y-axis label says it. */
export const ridgeLabel = (epoch: number) => `epoch ${epoch + 1}`;

/** One ridge per epoch: epoch 1 at the top and back, the latest at the bottom and in front. */
export function ridgeOption(history: ParamHistory, theme: Theme): ChartOption {
  const p = chartPalette(theme);
  const n = history.epochs.length;
  const peak = Math.max(1, ...history.epochs.flatMap((e) => e.counts));
  const color = history.role === 'bias' ? p.series[1]! : p.series[0]!;
  const extent = Math.max(0, ...history.epochs.flatMap((e) => [Math.abs(e.min), Math.abs(e.max)]));
  const series = history.epochs.map((e, k) => {
    const base = n - 1 - k;
    const width = e.counts.length ? (e.max - e.min) / e.counts.length : 0;
    return {
      type: 'line',
      name: ridgeLabel(e.epoch),
      data: e.counts.map((c, i) => [e.min + (i + 0.5) * width, base + (OVERLAP * c) / peak]),
      showSymbol: false,
      smooth: 0.2,
      z: 2 + k,
      lineStyle: { width: 1.2, color },
      areaStyle: { origin: base, color, opacity: 0.25 + (0.45 * (k + 1)) / n },
      emphasis: { disabled: true },
      tooltip: { show: false },
    };
  });
  return {
    animation: false,
    grid: { left: 70, right: 18, top: 16, bottom: 30 },
    xAxis: {
      type: 'value',
      scale: true,
      axisLine: { onZero: false },
      axisLabel: { formatter: axisTickFormatter(extent), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: n - 1 + OVERLAP,
      interval: 1,
      axisLabel: { formatter: (v: number) => (Number.isInteger(v) && v < n ? ridgeLabel(history.epochs[n - 1 - v]!.epoch) : '') },
      axisLine: { show: false },
      axisTick: { show: false },
      splitLine: { show: false },
    },
    series,
  };
}

/** TensorBoard's quantiles (the normal distribution's ±1.5σ, ±1σ, ±0.5σ and its ends), outermost pair first. */
const BANDS: readonly [number, number][] = [
  [0, 1],
  [0.0668, 0.9332],
  [0.1587, 0.8413],
  [0.3085, 0.6915],
];

/** Bands of quantiles over the epochs: min–max, ±1.5σ, ±1σ, ±0.5σ equivalents, and the median line. */
export function bandsOption(history: ParamHistory, theme: Theme): ChartOption {
  const p = chartPalette(theme);
  const color = history.role === 'bias' ? p.series[1]! : p.series[0]!;
  const x = history.epochs.map((e) => e.epoch + 1);
  const q = (share: number) => history.epochs.map((e) => histogramQuantile(e, share));
  const extent = Math.max(0, ...history.epochs.flatMap((e) => [Math.abs(e.min), Math.abs(e.max)]));
  const series: object[] = [];
  BANDS.forEach(([lo, hi], i) => {
    const low = q(lo);
    const high = q(hi);
    const stack = `band${i}`;
    // stackStrategy 'all': the band's width stacks on its lower edge even where that edge is negative.
    series.push({
      type: 'line',
      stack,
      stackStrategy: 'all',
      data: x.map((e, j) => [e, low[j]]),
      lineStyle: { opacity: 0 },
      showSymbol: false,
      silent: true,
      tooltip: { show: false },
    });
    series.push({
      type: 'line',
      stack,
      stackStrategy: 'all',
      name: `${Math.round(lo * 100)}–${Math.round(hi * 100)} %`,
      data: x.map((e, j) => [e, high[j]! - low[j]!]),
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.14 + i * 0.1 },
      showSymbol: false,
      silent: true,
      tooltip: { show: false },
    });
  });
  series.push({ type: 'line', name: 'median', data: x.map((e, j) => [e, q(0.5)[j]]), lineStyle: { width: 2, color }, itemStyle: { color }, symbolSize: 5 });
  return {
    animation: false,
    grid: { left: 56, right: 18, top: 16, bottom: 44 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatValue(v) : '—') },
    // At the bottom whatever the sign of the values (not on y = 0).
    xAxis: {
      type: 'value',
      min: x[0] ?? 1,
      max: x.at(-1) ?? 1,
      minInterval: 1,
      name: 'epoch',
      nameLocation: 'middle',
      nameGap: 24,
      axisLine: { onZero: false },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: axisTickFormatter(extent) } },
    series,
  };
}

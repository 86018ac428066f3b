// The contour plot of a sweep: the metric over two numeric parameters, interpolated between the trials (inverse
// distance weighting on the axes' own scales) as a filled map, with the trials drawn on top.
import type { SweepDetail, SweepTrial } from '../../../shared/api-sweep-types';
import { chartPalette } from './chart-palette';
import type { ChartOption } from './echarts';
import { formatParam } from './format';
import { formatMetric, isPercentMetric, scoredTrials, type SweepColumn } from './sweep-trials';

/** Cells per side of the interpolated map. */
export const CONTOUR_BINS = 24;

interface Axis {
  readonly col: SweepColumn;
  /** Ends on the axis's own scale (log10 for log axes). */
  readonly lo: number;
  readonly hi: number;
}

const scaled = (col: SweepColumn, v: number) => (col.log ? Math.log10(v) : v);

function axisOf(col: SweepColumn, values: readonly number[]): Axis {
  const t = values.map((v) => scaled(col, v));
  const lo = Math.min(...t);
  const hi = Math.max(...t);
  // A margin of 4 % so the trials at the ends are drawn whole; one distinct value: room either side of it.
  const pad = hi > lo ? (hi - lo) * 0.04 : 0.5;
  return { col, lo: lo - pad, hi: hi + pad };
}

export interface ContourMap {
  /** [column, row, value], CONTOUR_BINS² of them. */
  readonly cells: readonly [number, number, number][];
  readonly x: Axis;
  readonly y: Axis;
  readonly points: readonly (SweepTrial & { value: number })[];
}

/** Null when fewer than 3 trials have a score and both parameters. */
export function contourMap(trials: readonly SweepTrial[], xCol: SweepColumn, yCol: SweepColumn, bins = CONTOUR_BINS): ContourMap | null {
  const points = scoredTrials(trials).filter(
    (t) =>
      typeof t.params[xCol.key] === 'number' &&
      typeof t.params[yCol.key] === 'number' &&
      (!xCol.log || (t.params[xCol.key] as number) > 0) &&
      (!yCol.log || (t.params[yCol.key] as number) > 0),
  );
  if (points.length < 3) return null;
  const x = axisOf(
    xCol,
    points.map((t) => t.params[xCol.key] as number),
  );
  const y = axisOf(
    yCol,
    points.map((t) => t.params[yCol.key] as number),
  );
  // Distances in unit squares, so neither parameter's scale dominates.
  const unit = points.map(
    (t) =>
      [
        (scaled(xCol, t.params[xCol.key] as number) - x.lo) / (x.hi - x.lo),
        (scaled(yCol, t.params[yCol.key] as number) - y.lo) / (y.hi - y.lo),
        t.value,
      ] as const,
  );
  const cells: [number, number, number][] = [];
  for (let i = 0; i < bins; i++) {
    for (let j = 0; j < bins; j++) cells.push([i, j, idw((i + 0.5) / bins, (j + 0.5) / bins, unit)]);
  }
  return { cells, x, y, points };
}

/** Inverse-distance-weighted mean (power 2); a point on top of a trial takes its value. */
export function idw(u: number, v: number, points: readonly (readonly [number, number, number])[]): number {
  let num = 0;
  let den = 0;
  for (const [a, b, value] of points) {
    const d2 = (u - a) ** 2 + (v - b) ** 2;
    if (d2 < 1e-12) return value;
    num += value / d2;
    den += 1 / d2;
  }
  return num / den;
}

const valueAxis = (a: Axis, gridIndex: number) => ({
  gridIndex,
  type: a.col.log ? 'log' : 'value',
  min: a.col.log ? 10 ** a.lo : a.lo,
  max: a.col.log ? 10 ** a.hi : a.hi,
  name: a.col.label,
  nameLocation: 'middle',
  splitLine: { show: false },
  axisLabel: { formatter: (v: number) => formatParam(v), hideOverlap: true, showMinLabel: false, showMaxLabel: false },
});

/**
 * Two grids on the same rectangle: a category one for the heatmap (ECharts draws heatmaps on category axes only),
 * and a value/log one that places the trials and carries the labels.
 */
export function contourOption(map: ContourMap, sweep: Pick<SweepDetail, 'metric'>, theme: 'light' | 'dark'): ChartOption {
  const p = chartPalette(theme);
  const m = sweep.metric.name;
  const rect = { left: 76, right: 96, top: 16, bottom: 52 };
  const values = map.cells.map((c) => c[2]);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const bins = Array.from({ length: Math.sqrt(map.cells.length) }, (_, i) => i);
  const hidden = { type: 'category', data: bins, show: false };
  return {
    animation: false,
    grid: [rect, rect],
    tooltip: {
      trigger: 'item',
      formatter: (i: { seriesIndex: number; data: { trial?: SweepTrial } }) =>
        i.data?.trial ? `Trial ${i.data.trial.number}: ${formatMetric(m, i.data.trial.value)}` : '',
    },
    xAxis: [
      { ...hidden, gridIndex: 0 },
      { ...valueAxis(map.x, 1), nameGap: 30 },
    ],
    yAxis: [
      { ...hidden, gridIndex: 0 },
      { ...valueAxis(map.y, 1), nameGap: 56 },
    ],
    visualMap: {
      seriesIndex: 0,
      min: lo,
      max: hi > lo ? hi : lo + (isPercentMetric(m) ? 0.01 : 1),
      calculable: false,
      orient: 'vertical',
      right: 6,
      top: 'middle',
      itemWidth: 12,
      itemHeight: 150,
      text: [formatMetric(m, hi), formatMetric(m, lo)],
      textStyle: { color: p.textMuted, fontSize: 11 },
      inRange: { color: sweep.metric.goal === 'maximize' ? [...p.sequential] : [...p.sequential].reverse() },
    },
    series: [
      { type: 'heatmap', xAxisIndex: 0, yAxisIndex: 0, data: map.cells, silent: true, emphasis: { disabled: true } },
      {
        type: 'scatter',
        xAxisIndex: 1,
        yAxisIndex: 1,
        symbolSize: 8,
        data: map.points.map((t) => ({ value: [t.params[map.x.col.key], t.params[map.y.col.key]], trial: t })),
        itemStyle: { color: p.background, borderColor: p.text, borderWidth: 1.2 },
      },
    ],
  };
}

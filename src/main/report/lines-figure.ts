// Side-by-side line panels comparing runs (activations, optimizers, augmentation): one colour per series name.
import type { EChartsOption } from './echarts-svg';

export interface LineSeries {
  /** Legend entry; a name repeated in several panels keeps its colour. */
  readonly name: string;
  /** (x, y) points; a null y draws a gap. */
  readonly points: readonly (readonly [number, number | null])[];
  readonly dashed?: boolean;
  /** Markers on every point (default: on when there are few points). */
  readonly showSymbol?: boolean;
}

export interface LinePanel {
  readonly title: string;
  readonly xName: string;
  readonly yName: string;
  readonly series: readonly LineSeries[];
  /** Fixed y range (e.g. [0, 100] for accuracy); default: fitted to the data. */
  readonly yMin?: number;
  readonly yMax?: number;
  readonly logY?: boolean;
  /** Where the x axis starts (default: the smallest x). */
  readonly xMin?: number;
  /** Ticks on whole numbers only (epochs). */
  readonly integerX?: boolean;
}

// ECharts' default palette plus three, fixed so a name keeps its colour across panels and figures.
export const LINE_PALETTE = [
  '#5470c6',
  '#91cc75',
  '#fac858',
  '#ee6666',
  '#73c0de',
  '#3ba272',
  '#fc8452',
  '#9a60b4',
  '#ea7ccc',
  '#2f4554',
  '#b8860b',
  '#6e7074',
];

/** A tick label without float noise: 0.30000000000000004 → "0.3". */
export const shortNumber = (v: number): string => String(Number(v.toPrecision(4)));

/** Legend rows for `names` on a figure `width` px wide (ECharts wraps a plain legend; we only need the height). */
export function legendRows(names: readonly string[], width: number): number {
  let rows = 1;
  let used = 0;
  for (const n of names) {
    // NOTE: about 7 px per character at ECharts' 12 px legend font, plus the icon and the gap.
    const w = n.length * 7 + 40;
    if (used > 0 && used + w > width - 40) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/**
 * Up to four panels in one row under a title, one shared legend below them.
 * `width` is the figure's width in px (for the legend's height).
 */
export function linePanelsOption(title: string, panels: readonly LinePanel[], options: { subtitle?: string; width: number }): EChartsOption {
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const colorOf = new Map(names.map((n, i) => [n, LINE_PALETTE[i % LINE_PALETTE.length]!]));
  const n = Math.max(1, panels.length);
  const cell = 100 / n;
  const top = options.subtitle ? 86 : 70;
  // Room for the axis name (about 40 px) and the legend's rows below it.
  const bottom = 50 + 24 * legendRows(names, options.width);
  const titles: object[] = [{ text: title, subtext: options.subtitle, left: 'center', top: 4, textStyle: { fontSize: 15 } }];
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  panels.forEach((p, i) => {
    const left = i * cell;
    grid.push({ left: `${left + 7}%`, width: `${cell - 10}%`, top, bottom });
    titles.push({ text: p.title, left: `${left + cell / 2 + 1.5}%`, top: top - 24, textAlign: 'center', textStyle: { fontSize: 12, fontWeight: 'normal' } });
    xAxis.push({
      type: 'value',
      gridIndex: i,
      name: p.xName,
      nameLocation: 'middle',
      nameGap: 24,
      min: p.xMin ?? 'dataMin',
      max: 'dataMax',
      minInterval: p.integerX ? 1 : undefined,
      axisLabel: { fontSize: 10, formatter: shortNumber },
    });
    yAxis.push({
      type: p.logY ? 'log' : 'value',
      gridIndex: i,
      name: p.yName,
      nameLocation: 'middle',
      nameGap: 40,
      scale: true,
      // A fixed top (100 %) with a free bottom would put an odd tick right under it: start at a multiple of 10.
      min: p.yMin ?? (p.yMax !== undefined ? (v: { min: number }) => Math.floor(v.min / 10) * 10 : undefined),
      max: p.yMax,
      axisLabel: { fontSize: 10 },
    });
    for (const s of p.series) {
      series.push({
        type: 'line',
        name: s.name,
        xAxisIndex: i,
        yAxisIndex: i,
        data: s.points.map(([x, y]) => [x, y]),
        color: colorOf.get(s.name),
        showSymbol: s.showSymbol ?? s.points.length <= 30,
        symbolSize: 5,
        lineStyle: { width: s.points.length > 60 ? 1.2 : 2, type: s.dashed ? 'dashed' : 'solid' },
        connectNulls: false,
      });
    }
  });
  return {
    title: titles,
    legend: { data: names, bottom: 6, left: 'center', itemGap: 14, textStyle: { fontSize: 12 } },
    grid,
    xAxis,
    yAxis,
    series,
  } as EChartsOption;
}

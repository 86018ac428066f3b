// Heatmap panels sharing one colour scale: grid-search accuracies (lr × L2) and weight matrices.
import type { EChartsOption } from './echarts-svg';

export interface HeatmapPanel {
  readonly title: string;
  readonly xName: string;
  readonly yName: string;
  readonly xLabels: readonly string[];
  /** Row labels, top row first. */
  readonly yLabels: readonly string[];
  /** [row][col], row 0 drawn at the top; null leaves the cell blank. */
  readonly values: readonly (readonly (number | null)[])[];
}

export interface HeatmapStyle {
  readonly min: number;
  readonly max: number;
  /** Colour stops from min to max. */
  readonly colors: readonly string[];
  /** Text written in each cell (null: none); only for small matrices. */
  readonly cellLabel?: (v: number) => string;
  /** Show every k-th axis label (for large matrices); default all. */
  readonly labelEvery?: number;
  /** Title of the colour scale, e.g. "test acc. (%)". */
  readonly scaleName?: string;
  /** Panels per row (default: all in one row). */
  readonly columns?: number;
}

/** Blue below zero, white at zero, red above: for weights. */
export const DIVERGING = ['#2166ac', '#92c5de', '#f7f7f7', '#f4a582', '#b2182b'];
/** Light to dark: for accuracies. */
export const SEQUENTIAL = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

const scaleNumber = (v: number) => String(Number(v.toPrecision(2)));

/** Panels in a grid of `style.columns`, one colour scale on the right. */
export function heatmapPanelsOption(title: string, subtitle: string | undefined, panels: readonly HeatmapPanel[], style: HeatmapStyle): EChartsOption {
  const n = Math.max(1, panels.length);
  const cols = Math.min(n, style.columns ?? n);
  const rows = Math.ceil(n / cols);
  const titleSpace = subtitle ? 9 : 6;
  const cellW = 88 / cols;
  const cellH = (100 - titleSpace - 2) / rows;
  const titles: object[] = [{ text: title, subtext: subtitle, left: 'center', top: 4, textStyle: { fontSize: 15 } }];
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  const every = style.labelEvery ?? 1;
  panels.forEach((p, i) => {
    const left = (i % cols) * cellW;
    const top = titleSpace + Math.floor(i / cols) * cellH;
    grid.push({ left: `${left + 8}%`, width: `${cellW - 10}%`, top: `${top + 8}%`, height: `${cellH - 17}%` });
    titles.push({
      text: p.title,
      left: `${left + 3 + cellW / 2}%`,
      top: `${top + 1.5}%`,
      textAlign: 'center',
      textStyle: { fontSize: 12, fontWeight: 'normal' },
    });
    const axisLabel = { fontSize: 10, interval: every - 1 };
    // No axis lines: along a blank (missing) cell they would draw a stray edge.
    const bare = { axisLine: { show: false }, axisTick: { show: false } };
    xAxis.push({
      type: 'category',
      gridIndex: i,
      data: [...p.xLabels],
      name: p.xName,
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel,
      ...bare,
      splitArea: { show: false },
    });
    yAxis.push({
      type: 'category',
      gridIndex: i,
      data: [...p.yLabels].reverse(),
      name: p.yName,
      nameLocation: 'middle',
      nameGap: 52,
      axisLabel,
      ...bare,
      splitArea: { show: false },
    });
    const data: (number | string)[][] = [];
    // ECharts counts y from the bottom: flip so row 0 is the top row.
    p.values.forEach((row, r) => row.forEach((v, c) => data.push([c, p.yLabels.length - 1 - r, v === null || !Number.isFinite(v) ? '-' : v])));
    series.push({
      type: 'heatmap',
      xAxisIndex: i,
      yAxisIndex: i,
      data,
      label: style.cellLabel
        ? {
            show: true,
            fontSize: 11,
            formatter: (d: { value: [number, number, number | string] }) => (typeof d.value[2] === 'number' ? style.cellLabel!(d.value[2]) : ''),
          }
        : { show: false },
      itemStyle: { borderColor: style.cellLabel ? '#ffffff' : undefined, borderWidth: style.cellLabel ? 1 : 0 },
    });
  });
  return {
    title: titles,
    grid,
    xAxis,
    yAxis,
    visualMap: {
      min: style.min,
      max: style.max,
      calculable: false,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 160,
      // The scale's ends as numbers, its name over the top end.
      text: [`${style.scaleName ? `${style.scaleName}\n` : ''}${scaleNumber(style.max)}`, scaleNumber(style.min)],
      inRange: { color: [...style.colors] },
    },
    series,
  } as EChartsOption;
}

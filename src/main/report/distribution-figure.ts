// Value distributions as histogram panels with a line of statistics each (the report's bias and weight figures).
import { histogram } from '../../engine/inspect/histogram';
import type { EChartsOption } from './echarts-svg';
import { shortNumber } from './lines-figure';

export interface DistributionPanel {
  /** e.g. "layers.1.bias [128]". */
  readonly title: string;
  /** Statistics under the title, e.g. "mean 0.012 · std 0.05 · positive 46.4 %". */
  readonly note: string;
  readonly values: ArrayLike<number>;
  readonly color?: string;
}

/** Histogram bars of each panel's values (`bins` equal-width bins over its own range), a dashed line at zero. */
export function distributionOption(title: string, subtitle: string | undefined, panels: readonly DistributionPanel[], bins = 40): EChartsOption {
  const n = Math.max(1, panels.length);
  const cols = Math.min(n, 2);
  const rows = Math.ceil(n / cols);
  const top = subtitle ? 12 : 8;
  const cellW = 100 / cols;
  const cellH = (100 - top) / rows;
  const titles: object[] = [{ text: title, subtext: subtitle, left: 'center', top: 4, textStyle: { fontSize: 15 } }];
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  panels.forEach((p, i) => {
    const left = (i % cols) * cellW;
    const y = top + Math.floor(i / cols) * cellH;
    grid.push({ left: `${left + 7}%`, width: `${cellW - 11}%`, top: `${y + 11}%`, height: `${cellH - 20}%` });
    titles.push({
      text: p.title,
      subtext: p.note,
      left: `${left + cellW / 2 + 1.5}%`,
      top: `${y + 1}%`,
      textAlign: 'center',
      textStyle: { fontSize: 12, fontWeight: 'bold' },
      subtextStyle: { fontSize: 11 },
    });
    const h = histogram(p.values, bins);
    const w = (h.max - h.min) / bins;
    xAxis.push({
      type: 'value',
      gridIndex: i,
      min: h.min,
      max: h.max,
      name: 'value',
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { fontSize: 10, hideOverlap: true, formatter: shortNumber, showMinLabel: false, showMaxLabel: false },
    });
    // NOTE: not onZero, or the y axis would be drawn through x = 0 in the middle of the panel.
    yAxis.push({
      type: 'value',
      gridIndex: i,
      minInterval: 1,
      name: 'count',
      nameLocation: 'middle',
      nameGap: 40,
      axisLabel: { fontSize: 10 },
      axisLine: { onZero: false },
      splitNumber: 3,
    });
    series.push({
      type: 'line',
      xAxisIndex: i,
      yAxisIndex: i,
      step: 'middle',
      showSymbol: false,
      areaStyle: { opacity: 0.55 },
      lineStyle: { width: 1 },
      color: p.color ?? '#5470c6',
      data: Array.from(h.counts, (c, k) => [h.min + (k + 0.5) * w, c]),
      markLine:
        h.min < 0 && h.max > 0
          ? { silent: true, symbol: 'none', label: { show: false }, lineStyle: { type: 'dashed', color: '#333333', width: 1 }, data: [{ xAxis: 0 }] }
          : undefined,
    });
  });
  return { title: titles, grid, xAxis, yAxis, series } as EChartsOption;
}

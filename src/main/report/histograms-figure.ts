// Per-parameter value histograms at one epoch as small multiples (the report's bias and weight distributions).
import type { HistogramSet } from '../../shared/api-inspect-types';
import type { EChartsOption } from './echarts-svg';

/** One panel per param in a grid of up to 3 columns; each a filled step line over the bin centres. */
export function histogramsOption(set: HistogramSet, title: string): EChartsOption {
  const n = Math.max(1, set.params.length);
  const cols = Math.min(3, n);
  const rows = Math.ceil(n / cols);
  const top = 14; // percent kept for the title
  const cellW = 100 / cols;
  const cellH = (100 - top) / rows;
  const grid: object[] = [];
  const xAxis: object[] = [];
  const yAxis: object[] = [];
  const series: object[] = [];
  const titles: object[] = [{ text: title, subtext: `epoch ${set.epoch + 1}`, left: 'center', top: 4, textStyle: { fontSize: 15 } }];
  set.params.forEach((p, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const left = col * cellW;
    const y = top + row * cellH;
    grid.push({ left: `${left + 5}%`, width: `${cellW - 8}%`, top: `${y + 5}%`, height: `${cellH - 11}%` });
    const w = (p.max - p.min) / p.counts.length;
    xAxis.push({ type: 'value', gridIndex: i, min: p.min, max: p.max, axisLabel: { fontSize: 9, hideOverlap: true }, splitLine: { show: false } });
    yAxis.push({ type: 'value', gridIndex: i, minInterval: 1, axisLabel: { fontSize: 9 }, splitNumber: 2, axisLine: { onZero: false } });
    titles.push({
      text: `${p.param} [${p.shape.join('×')}]`,
      left: `${left + cellW / 2}%`,
      top: `${y + 1}%`,
      textAlign: 'center',
      textStyle: { fontSize: 11, fontWeight: 'normal' },
    });
    series.push({
      type: 'line',
      xAxisIndex: i,
      yAxisIndex: i,
      step: 'middle',
      showSymbol: false,
      areaStyle: { opacity: 0.5 },
      lineStyle: { width: 1 },
      color: p.role === 'bias' ? '#ee6666' : '#5470c6',
      data: p.counts.map((c, k) => [p.min + (k + 0.5) * w, c]),
    });
  });
  return { title: titles, grid, xAxis, yAxis, series } as EChartsOption;
}

// A confusion matrix as an ECharts heatmap: true class down, predicted class across, counts in the cells.
import type { ConfusionResult } from '../../shared/api-inspect-types';
import type { EChartsOption } from './echarts-svg';

export function confusionOption(c: ConfusionResult, title: string): EChartsOption {
  const data: [number, number, number][] = [];
  // y runs bottom-up in ECharts: flip it so class 0 is the top row, as in every printed matrix.
  c.counts.forEach((row, t) => row.forEach((n, p) => data.push([p, c.counts.length - 1 - t, n])));
  const diagonalMax = Math.max(0, ...c.counts.map((row, t) => row[t] ?? 0));
  return {
    title: {
      text: title,
      subtext: `${c.split} set, epoch ${c.epoch + 1}: accuracy ${(c.accuracy * 100).toFixed(2)}%`,
      left: 'center',
      top: 4,
      textStyle: { fontSize: 15 },
    },
    grid: { left: 96, right: 24, top: 64, bottom: 72 },
    xAxis: { type: 'category', data: [...c.classNames], name: 'predicted', nameLocation: 'middle', nameGap: 30, splitArea: { show: true } },
    yAxis: { type: 'category', data: [...c.classNames].reverse(), name: 'true', nameLocation: 'middle', nameGap: 72, splitArea: { show: true } },
    // NOTE: the scale tops out at the largest diagonal count, so the errors (far smaller) stay visible as a tint.
    visualMap: { min: 0, max: Math.max(1, diagonalMax), show: false, inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] } },
    series: [{ type: 'heatmap', data, label: { show: c.classNames.length <= 20, fontSize: 10 } }],
  } as EChartsOption;
}

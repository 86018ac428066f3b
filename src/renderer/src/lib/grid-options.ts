// ECharts options for a grid's results: a two-parameter accuracy heatmap and parallel coordinates.
import type { GridDetail } from '../../../shared/api-types';
import { chartPalette } from './chart-palette';
import type { ChartOption } from './echarts';
import { formatGridValue, type GridColumn, type HeatmapData } from './grid-results';
import { parallelOption, type ParallelAxisSpec } from './parallel-options';

type Theme = 'light' | 'dark';

export function gridHeatmapOption(h: HeatmapData, theme: Theme): ChartOption {
  const p = chartPalette(theme);
  const scored = h.cells.map((c) => c[2]).filter((v): v is number => v !== null);
  const lo = scored.length ? Math.min(...scored) : 0;
  const hi = scored.length ? Math.max(...scored) : 1;
  return {
    animation: false,
    grid: { left: 90, right: 110, top: 16, bottom: 56 },
    tooltip: {
      formatter: (item: { value: [number, number, number | null] }) => {
        const [i, j, v] = item.value;
        return `${h.x.label} ${formatGridValue(h.x.values[i])}, ${h.y.label} ${formatGridValue(h.y.values[j])}<br/><b>${v === null ? 'not finished' : `${(v * 100).toFixed(2)}%`}</b>`;
      },
    },
    xAxis: { type: 'category', data: h.x.values.map(formatGridValue), name: h.x.label, nameLocation: 'middle', nameGap: 34, splitArea: { show: false } },
    yAxis: { type: 'category', data: h.y.values.map(formatGridValue), name: h.y.label, nameLocation: 'middle', nameGap: 70 },
    visualMap: {
      min: lo,
      max: hi === lo ? lo + 0.01 : hi,
      calculable: true,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 160,
      formatter: (v: number) => `${(v * 100).toFixed(1)}%`,
      inRange: { color: [...p.sequential] },
    },
    series: [
      {
        type: 'heatmap',
        data: h.cells.map((c) => (c[2] === null ? { value: c, itemStyle: { color: p.grid } } : { value: c })),
        label: {
          show: true,
          formatter: (item: { value: [number, number, number | null] }) => (item.value[2] === null ? '…' : `${(item.value[2] * 100).toFixed(1)}`),
          fontSize: 11,
        },
        itemStyle: { borderColor: p.background, borderWidth: 2, borderRadius: 3 },
      },
    ],
  };
}

/**
 * One axis per varied parameter plus test accuracy; each finished cell a line coloured by its accuracy. A parameter's
 * axis holds the values the grid tried, one tick each, evenly spaced (numbers ascending): close values (lr 0.07 and
 * 0.075) never share a tick's room, and every tick is a value that was run.
 */
export function gridParallelOption(grid: GridDetail, cols: readonly GridColumn[], theme: Theme): ChartOption {
  const finished = grid.cells.filter((c) => c.run.best !== null);
  const axes: ParallelAxisSpec[] = cols.map((c) => {
    const values = c.numeric ? [...(c.values as number[])].sort((a, b) => a - b) : c.values;
    return { id: c.key, name: c.label, kind: 'category', categories: [...new Set(values.map(formatGridValue))], log: false };
  });
  const rows = finished.map((cell) => [...cols.map((c) => formatGridValue(cell.params[c.key])), cell.run.best!.testAccuracy]);
  return parallelOption({ axes, rows, metric: { id: 'best.testAccuracy', name: 'test acc.', percent: true }, theme });
}

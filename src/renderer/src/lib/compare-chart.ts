// The ECharts option of one compare panel: a line per run, or per group a mean line in a ±1 std band. y fits the
// data (accuracies are drawn in percent so ticks read 97.2%, not 0.972), wheel zooms x and shift+wheel y, a dragged
// box zooms both (its feature is enabled on the chart, see ComparePanel), and labels that would collide are hidden.
import { chartPalette } from './chart-palette';
import { escapeHtml } from './escape-html';
import type { Band } from './compare-bands';
import type { XMode } from './compare-axis';
import type { ChartOption } from './echarts';
import { formatDuration, formatValue } from './format';

export interface CompareLine {
  readonly name: string;
  readonly color: number;
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** The unsmoothed points, drawn faint behind. */
  readonly raw?: { readonly x: readonly number[]; readonly y: readonly (number | null)[] };
}

export interface CompareBand {
  readonly name: string;
  readonly color: number;
  readonly band: Band;
}

export interface CompareChartSpec {
  readonly lines: readonly CompareLine[];
  readonly bands: readonly CompareBand[];
  /** Per-epoch metrics get markers. */
  readonly perEpoch: boolean;
  readonly x: XMode;
  /** Accuracies: values in [0, 1] drawn as percentages. */
  readonly percent: boolean;
  readonly log: boolean;
  readonly theme: 'light' | 'dark';
  /** Zoomed in: the window's edges are not nice numbers, so their labels (0.343 beside 0.5) are left out. */
  readonly zoomed?: boolean;
}

/** The dataZoom ids a reset puts back to the whole range. */
export const ZOOM_IDS = ['zoom-x', 'zoom-y'] as const;

const X_NAMES: Record<XMode, string> = { epoch: 'epoch', step: 'step', time: 'time' };

export function compareChartOption(spec: CompareChartSpec): ChartOption {
  const palette = chartPalette(spec.theme).series;
  const scale = spec.percent ? 100 : 1;
  // A log axis cannot show zero or less: such points (and band edges) are left out.
  const y = (v: number | null | undefined) => (v === null || v === undefined || (spec.log && v <= 0) ? null : v * scale);
  const pts = (xs: readonly number[], ys: readonly (number | null)[]) => xs.map((x, i) => [x, y(ys[i])]);
  const base = { type: 'line', showSymbol: false, animation: false, emphasis: { disabled: true }, connectNulls: false };
  const series: object[] = [];
  const stds = new Map<string, Band>();

  for (const line of spec.lines) {
    const color = palette[line.color % palette.length]!;
    if (line.raw)
      series.push({
        ...base,
        id: `raw:${line.name}`,
        name: line.name,
        data: pts(line.raw.x, line.raw.y),
        lineStyle: { width: 1, color, opacity: 0.22 },
        itemStyle: { color },
        silent: true,
        tooltip: { show: false },
        z: 1,
      });
    series.push({
      ...base,
      id: `line:${line.name}`,
      name: line.name,
      data: pts(line.x, line.y),
      showSymbol: spec.perEpoch && line.x.length <= 60,
      symbolSize: 5,
      lineStyle: { width: spec.perEpoch ? 2 : 1.6, color },
      itemStyle: { color },
      z: 3,
    });
  }
  for (const b of spec.bands) {
    const color = palette[b.color % palette.length]!;
    const stack = `band:${b.name}`;
    stds.set(b.name, b.band);
    const lower = b.band.lower.map((v) => y(v));
    // The band is the lower edge plus its height, stacked: ECharts fills between the two.
    series.push({
      ...base,
      id: `lower:${b.name}`,
      name: b.name,
      stack,
      data: b.band.x.map((x, i) => [x, lower[i]]),
      lineStyle: { opacity: 0 },
      silent: true,
      tooltip: { show: false },
      z: 1,
    });
    series.push({
      ...base,
      id: `spread:${b.name}`,
      name: b.name,
      stack,
      data: b.band.x.map((x, i) => [x, lower[i] === null ? null : (y(b.band.upper[i]) ?? 0) - lower[i]!]),
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.18 },
      silent: true,
      tooltip: { show: false },
      z: 1,
    });
    series.push({
      ...base,
      id: `mean:${b.name}`,
      name: b.name,
      data: pts(b.band.x, b.band.mean),
      showSymbol: spec.perEpoch && b.band.x.length <= 60,
      symbolSize: 5,
      lineStyle: { width: 2.2, color },
      itemStyle: { color },
      z: 3,
    });
  }

  const value = (v: number) => (spec.percent ? `${v.toFixed(2)}%` : formatValue(v));
  const xText = (v: number) => (spec.x === 'time' ? formatDuration(v) : spec.x === 'epoch' ? String(Number(v.toFixed(2))) : formatValue(v));
  return {
    animation: false,
    grid: { left: 58, right: 20, top: 14, bottom: 62 },
    // Long run names are cut to fit more of them on a line; hovering one shows it whole.
    legend: {
      type: 'scroll',
      bottom: 2,
      left: 'center',
      itemWidth: 14,
      itemHeight: 8,
      icon: 'roundRect',
      textStyle: { fontSize: 11.5, width: 200, overflow: 'truncate' },
      tooltip: { show: true },
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: 'line', animation: false },
      formatter: (items: { seriesId: string; seriesName: string; marker: string; value: [number, number | null]; dataIndex: number }[]) => {
        const head = items[0] ? `${X_NAMES[spec.x]} ${xText(items[0].value[0])}` : '';
        const rows = items
          .filter((it) => it.value[1] !== null && !it.seriesId.startsWith('raw:'))
          .map((it) => {
            const band = it.seriesId.startsWith('mean:') ? stds.get(it.seriesName) : undefined;
            const sd = band ? ` ± ${value(((band.upper[it.dataIndex] ?? 0) - (band.mean[it.dataIndex] ?? 0)) * scale)} (${band.n} runs)` : '';
            return `${it.marker}${escapeHtml(it.seriesName)}: <b>${value(it.value[1]!)}</b>${sd}`;
          });
        return [head, ...rows].join('<br/>');
      },
    },
    xAxis: {
      type: 'value',
      name: X_NAMES[spec.x],
      nameLocation: 'end',
      nameGap: 6,
      nameTextStyle: { fontSize: 11, align: 'right', verticalAlign: 'top', padding: [18, 0, 0, 0] },
      min: 0,
      // Whole epochs: a 3-epoch run read "0.5, 1.5, 2.5" between its points. A zoom window may still go finer.
      minInterval: spec.x === 'epoch' && !spec.zoomed ? 1 : undefined,
      axisLabel: {
        hideOverlap: true,
        showMinLabel: !spec.zoomed,
        showMaxLabel: !spec.zoomed,
        formatter: spec.x === 'time' ? (v: number) => formatDuration(v) : undefined,
      },
      splitLine: { show: false },
    },
    yAxis: {
      type: spec.log ? 'log' : 'value',
      scale: true,
      // A template, not a function: ECharts fills in the tick with the precision of its interval (97.2, 97.4…).
      axisLabel: { hideOverlap: true, showMinLabel: !spec.zoomed, showMaxLabel: !spec.zoomed, formatter: spec.percent ? '{value}%' : undefined },
    },
    toolbox: { show: true, itemSize: 0, right: -40, feature: { dataZoom: { xAxisIndex: 0, yAxisIndex: 0, brushStyle: { opacity: 0.15 } } } },
    dataZoom: [
      { type: 'inside', id: ZOOM_IDS[0], xAxisIndex: 0, filterMode: 'weakFilter', zoomOnMouseWheel: true, moveOnMouseMove: false },
      { type: 'inside', id: ZOOM_IDS[1], yAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'shift', moveOnMouseMove: false },
    ],
    series,
  };
}

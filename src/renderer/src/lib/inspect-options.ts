// ECharts options for a run's insides: weight heatmaps, value histograms, confusion matrices.
import type { ConfusionResult, ParamHistogram, WeightMatrix } from '../../../shared/api-inspect-types';
import { chartPalette } from './chart-palette';
import type { ChartOption } from './echarts';
import { formatValue } from './format';

type Theme = 'light' | 'dark';

/** Bin centres and counts of a histogram (bin i covers [min + i·w, min + (i+1)·w)). */
export function histogramBins(h: Pick<ParamHistogram, 'min' | 'max' | 'counts'>): { centers: number[]; width: number } {
  const n = h.counts.length;
  const width = n > 0 ? (h.max - h.min) / n : 0;
  return { centers: h.counts.map((_, i) => h.min + (i + 0.5) * width), width };
}

export function histogramOption(h: ParamHistogram, theme: Theme, opts: { compact?: boolean } = {}): ChartOption {
  const p = chartPalette(theme);
  const { centers, width } = histogramBins(h);
  const color = h.role === 'bias' ? p.series[1]! : p.series[0]!;
  return {
    animation: false,
    grid: opts.compact ? { left: 40, right: 10, top: 10, bottom: 24 } : { left: 52, right: 16, top: 16, bottom: 32 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (items: { dataIndex: number; value: [number, number] }[]) => {
        const i = items[0]?.dataIndex ?? 0;
        const lo = h.min + i * width;
        return `[${formatValue(lo)}, ${formatValue(lo + width)})<br/><b>${h.counts[i]}</b> values`;
      },
    },
    xAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formatValue(v), hideOverlap: true }, splitLine: { show: false } },
    // Counts: whole ticks only (a histogram of a few values would otherwise read 0.5, 1.5…).
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => (v >= 1000 ? `${v / 1000}k` : String(v)) } },
    series: [
      {
        type: 'bar',
        data: centers.map((c, i) => [c, h.counts[i]]),
        barWidth: '96%',
        barCategoryGap: '0%',
        itemStyle: { color, opacity: 0.85 },
        // Zero marks where the sign flips: a skew shows at a glance.
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: p.textMuted, type: 'dashed' },
          label: { show: false },
          data: h.min < 0 && h.max > 0 ? [{ xAxis: 0 }] : [],
        },
      },
    ],
  };
}

/** Heatmap of a weight matrix on a diverging scale symmetric around zero. */
export function weightHeatmapOption(m: WeightMatrix, theme: Theme): ChartOption {
  const p = chartPalette(theme);
  const data: [number, number, number][] = new Array(m.rows * m.cols);
  let absMax = 0;
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols; c++) {
      const v = m.values[r * m.cols + c]!;
      data[r * m.cols + c] = [c, r, v];
      if (Math.abs(v) > absMax) absMax = Math.abs(v);
    }
  }
  const dead = new Set(m.deadUnits);
  // Conv weights [F, C, kh, kw] are shown as [F, C·kh·kw]: pooled only when fewer cells than that.
  const fullCols = m.shape.slice(1).reduce((a, b) => a * b, 1);
  return {
    animation: false,
    // The colour bar and its handles' labels sit right of the plot, in the margin kept for them.
    grid: { left: 48, right: 112, top: 12, bottom: 36 },
    tooltip: {
      formatter: (item: { value: [number, number, number] }) => {
        const [c, r, v] = item.value;
        return `unit ${r}${dead.has(r) ? ' (dead)' : ''}, input ${c}<br/><b>${formatValue(v)}</b>`;
      },
    },
    xAxis: {
      type: 'category',
      data: Array.from({ length: m.cols }, (_, i) => i),
      name: m.cols >= fullCols ? 'input' : 'input (pooled)',
      nameLocation: 'middle',
      nameGap: 22,
      axisLabel: { show: false },
      axisTick: { show: false },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: Array.from({ length: m.rows }, (_, i) => i),
      name: m.rows === m.shape[0] ? 'unit' : 'unit (pooled)',
      nameLocation: 'middle',
      nameGap: 30,
      inverse: true,
      axisLabel: { interval: Math.max(0, Math.ceil(m.rows / 10) - 1) },
      axisTick: { show: false },
    },
    visualMap: {
      min: -absMax || -1,
      max: absMax || 1,
      calculable: true,
      orient: 'vertical',
      align: 'left',
      right: 4,
      top: 'middle',
      itemHeight: 160,
      formatter: (v: number) => formatValue(v),
      inRange: { color: [...p.diverging] },
    },
    series: [{ type: 'heatmap', data, progressive: 20000, emphasis: { disabled: true } }],
  };
}

/** Confusion matrix: rows true, columns predicted; the diagonal in the accent, errors in the warm colour. */
export function confusionOption(c: ConfusionResult, theme: Theme, opts: { compact?: boolean } = {}): ChartOption {
  const p = chartPalette(theme);
  const n = c.classNames.length;
  const data: { value: [number, number, number]; itemStyle?: object }[] = [];
  let maxOff = 1;
  for (let t = 0; t < n; t++) for (let q = 0; q < n; q++) if (t !== q) maxOff = Math.max(maxOff, c.counts[t]![q]!);
  for (let t = 0; t < n; t++) {
    const rowTotal = c.counts[t]!.reduce((a, b) => a + b, 0) || 1;
    for (let q = 0; q < n; q++) {
      const v = c.counts[t]![q]!;
      const share = t === q ? v / rowTotal : v / maxOff;
      const base = t === q ? p.series[0]! : p.series[3]!;
      data.push({ value: [q, t, v], itemStyle: { color: v === 0 ? 'transparent' : mix(base, share) } });
    }
  }
  return {
    animation: false,
    // Compact: a column of the side-by-side page (its class names are short enough to need less room).
    grid: opts.compact ? { left: 64, right: 8, top: 8, bottom: 48 } : { left: 90, right: 16, top: 16, bottom: 56 },
    tooltip: {
      formatter: (item: { value: [number, number, number] }) => {
        const [q, t, v] = item.value;
        return t === q
          ? `${v} × ${c.classNames[t]} correct`
          : `${v} × true <b>${c.classNames[t]}</b> predicted <b>${c.classNames[q]}</b><br/><i>click to see them</i>`;
      },
    },
    xAxis: {
      type: 'category',
      data: [...c.classNames],
      name: 'predicted',
      nameLocation: 'middle',
      nameGap: 34,
      axisLabel: { interval: 0, rotate: n > 10 || c.classNames.some((s) => s.length > 3) ? 30 : 0 },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      data: [...c.classNames],
      name: 'true',
      nameLocation: 'middle',
      nameGap: opts.compact ? 46 : 70,
      inverse: true,
      axisLabel: { interval: 0 },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          color: p.text,
          fontSize: opts.compact ? 9.5 : 11,
          formatter: (item: { value: [number, number, number] }) => (item.value[2] ? String(item.value[2]) : ''),
        },
        itemStyle: { borderColor: p.background, borderWidth: 2, borderRadius: 3 },
        emphasis: { itemStyle: { borderColor: p.text, borderWidth: 1 } },
        cursor: 'pointer',
      },
    ],
  };
}

/** `hex` at strength t in [0, 1] as rgba (0 → almost transparent). */
function mix(hex: string, t: number): string {
  const n = parseInt(hex.slice(1), 16);
  const a = 0.12 + 0.78 * Math.max(0, Math.min(1, t));
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a.toFixed(3)})`;
}

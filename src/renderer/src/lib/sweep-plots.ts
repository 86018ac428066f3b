// ECharts options for a sweep's page: optimisation history (each trial's score, pruned trials marked, the best so
// far as a step line), parameter importance as bars, and one slice plot (the metric against one parameter).
import type { ParameterImportance, SweepDetail, SweepMetricName, SweepTrial } from '../../../shared/api-sweep-types';
import { chartPalette } from './chart-palette';
import type { ChartOption } from './echarts';
import { formatParam } from './format';
import { parallelOption, type ParallelAxisSpec } from './parallel-options';
import { formatMetric, formatTrialValue, isPercentMetric, metricLabel, paramLabel, scoredTrials, type SweepColumn } from './sweep-trials';

type Theme = 'light' | 'dark';

/** Which of the history plot's groups a trial falls in. */
export function trialGroup(t: SweepTrial): 'pruned' | 'complete' | 'other' {
  if (t.run.status === 'pruned') return 'pruned';
  return t.run.status === 'completed' ? 'complete' : 'other';
}

const metricAxis = (m: SweepMetricName) => ({
  type: 'value',
  scale: true,
  name: metricLabel(m),
  nameLocation: 'middle',
  nameGap: 50,
  axisLabel: { formatter: (v: number) => (isPercentMetric(m) ? `${(v * 100).toFixed(1)}%` : formatParam(v)) },
});

const tip = (m: SweepMetricName, t: SweepTrial) =>
  `<b>Trial ${t.number}</b> · ${formatMetric(m, t.value)}<br/>` +
  Object.entries(t.params)
    .map(([k, v]) => `${paramLabel(k)} ${formatTrialValue(v)}`)
    .join('<br/>') +
  (t.prunedReason ? `<br/><i>${t.prunedReason}</i>` : '');

export function historyOption(sweep: Pick<SweepDetail, 'trials' | 'metric'>, theme: Theme): ChartOption {
  const p = chartPalette(theme);
  const m = sweep.metric.name;
  const scored = scoredTrials(sweep.trials);
  const point = (t: SweepTrial & { value: number }) => ({ value: [t.number, t.value], trial: t });
  const group = (g: ReturnType<typeof trialGroup>) => scored.filter((t) => trialGroup(t) === g).map(point);
  const best = sweep.trials.filter((t) => t.bestSoFar !== null).map((t) => [t.number, t.bestSoFar]);
  const formatter = (item: { data: { trial?: SweepTrial }; value: [number, number] }) =>
    item.data?.trial ? tip(m, item.data.trial) : `Best so far after trial ${item.value[0]}: ${formatMetric(m, item.value[1])}`;
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 36, bottom: 48 },
    legend: { top: 4, data: ['Completed', 'Pruned', 'Running / other', 'Best so far'] },
    tooltip: { trigger: 'item', formatter },
    xAxis: { type: 'value', name: 'Trial', nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 0, max: Math.max(1, sweep.trials.length - 1) },
    yAxis: metricAxis(m),
    series: [
      { name: 'Completed', type: 'scatter', symbolSize: 9, data: group('complete'), itemStyle: { color: p.series[0] } },
      {
        name: 'Pruned',
        type: 'scatter',
        symbol: 'triangle',
        symbolSize: 10,
        data: group('pruned'),
        itemStyle: { color: 'transparent', borderColor: p.series[3], borderWidth: 1.6 },
      },
      { name: 'Running / other', type: 'scatter', symbol: 'diamond', symbolSize: 8, data: group('other'), itemStyle: { color: p.textMuted, opacity: 0.7 } },
      {
        name: 'Best so far',
        type: 'line',
        step: 'end',
        showSymbol: false,
        data: best,
        lineStyle: { color: p.series[2], width: 2 },
        itemStyle: { color: p.series[2] },
      },
    ],
  };
}

export function importanceOption(importance: readonly ParameterImportance[], theme: Theme): ChartOption {
  const p = chartPalette(theme);
  // Largest on top: a category axis draws its first entry at the bottom.
  const rows = [...importance].sort((a, b) => a.importance - b.importance);
  return {
    animation: false,
    grid: { left: 12, right: 56, top: 8, bottom: 28, containLabel: true },
    tooltip: { trigger: 'item', formatter: (i: { name: string; value: number }) => `${i.name}: ${(i.value * 100).toFixed(1)}%` },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', data: rows.map((r) => paramLabel(r.path)), axisLabel: { width: 200, overflow: 'truncate', color: p.text } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({ name: paramLabel(r.path), value: r.importance })),
        barMaxWidth: 22,
        itemStyle: { color: p.series[0], borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', color: p.textMuted, formatter: (i: { value: number }) => `${(i.value * 100).toFixed(0)}%` },
      },
    ],
  };
}

/** The metric against one parameter, each trial a point (pruned ones hollow), coloured by trial number. */
export function sliceOption(sweep: Pick<SweepDetail, 'trials' | 'metric'>, col: SweepColumn, theme: Theme): ChartOption {
  const p = chartPalette(theme);
  const m = sweep.metric.name;
  const scored = scoredTrials(sweep.trials).filter((t) => t.params[col.key] !== undefined);
  const categories = col.numeric ? [] : [...new Set(scored.map((t) => formatTrialValue(t.params[col.key])))];
  const x = (t: SweepTrial) => (col.numeric ? (t.params[col.key] as number) : formatTrialValue(t.params[col.key]));
  const point = (t: SweepTrial & { value: number }) => ({ value: [x(t), t.value, t.number], trial: t });
  const byGroup = (pruned: boolean) => scored.filter((t) => (trialGroup(t) === 'pruned') === pruned).map(point);
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 12, bottom: 44 },
    tooltip: { trigger: 'item', formatter: (i: { data: { trial: SweepTrial } }) => tip(m, i.data.trial) },
    xAxis: col.numeric
      ? {
          type: col.log ? 'log' : 'value',
          scale: true,
          name: col.label,
          nameLocation: 'middle',
          nameGap: 28,
          axisLabel: { formatter: (v: number) => formatParam(v), hideOverlap: true },
        }
      : { type: 'category', data: categories, name: col.label, nameLocation: 'middle', nameGap: 28 },
    yAxis: { ...metricAxis(m), nameGap: 46, nameTextStyle: { fontSize: 11 } },
    visualMap: { show: false, dimension: 2, min: 0, max: Math.max(1, sweep.trials.length - 1), inRange: { color: [...p.sequential].slice(1) }, seriesIndex: 0 },
    series: [
      { type: 'scatter', symbolSize: 9, data: byGroup(false) },
      {
        type: 'scatter',
        symbol: 'triangle',
        symbolSize: 10,
        data: byGroup(true),
        itemStyle: { color: 'transparent', borderColor: p.series[3], borderWidth: 1.5 },
      },
    ],
  };
}

/** Parallel coordinates: one axis per parameter (log where sampled so), the metric last; one line per scored trial. */
export function sweepParallelOption(
  sweep: Pick<SweepDetail, 'trials' | 'metric'>,
  cols: readonly SweepColumn[],
  theme: Theme,
  width?: number,
): ChartOption | null {
  const scored = scoredTrials(sweep.trials);
  if (scored.length === 0 || cols.length === 0) return null;
  const axes: ParallelAxisSpec[] = cols.map((c) => ({
    id: c.key,
    name: c.label,
    kind: c.numeric ? 'number' : 'category',
    categories: c.numeric ? [] : [...new Set(scored.map((t) => formatTrialValue(t.params[c.key])))],
    log: c.log,
    integer: c.numeric && scored.every((t) => Number.isInteger(t.params[c.key])),
  }));
  const rows = scored.map((t) => [
    ...cols.map((c) => (c.numeric ? ((t.params[c.key] as number | undefined) ?? null) : formatTrialValue(t.params[c.key]))),
    t.value,
  ]);
  const m = sweep.metric.name;
  return parallelOption({ axes, rows, metric: { id: 'value', name: metricLabel(m), percent: isPercentMetric(m) }, theme, ...(width && { width }) });
}

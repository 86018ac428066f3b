// The report's curves as an ECharts option: loss, accuracy or learning rate against epochs, one colour per run.
import type { MetricPoints } from '../../shared/api-inspect-types';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import type { EChartsOption } from './echarts-svg';

export type CurveKind = 'loss' | 'accuracy' | 'lr';

/** One run's series, as stored. */
export interface CurveRun {
  readonly name: string;
  /** Steps per epoch, to put step-level points on the epoch axis; null draws against epochs only. */
  readonly stepsPerEpoch: number | null;
  readonly metrics: ReadonlyMap<string, MetricPoints>;
}

interface Line {
  readonly key: string;
  readonly label: string;
  readonly perStep: boolean;
  readonly dashed: boolean;
}

/** The metric keys each figure draws (the first of each is the train curve, drawn solid). */
export const CURVE_LINES: Readonly<Record<CurveKind, readonly Line[]>> = {
  loss: [
    { key: METRIC_KEYS.loss, label: 'train', perStep: true, dashed: false },
    { key: METRIC_KEYS.valLoss, label: 'val', perStep: false, dashed: true },
    { key: METRIC_KEYS.testLoss, label: 'test', perStep: false, dashed: true },
  ],
  accuracy: [
    { key: METRIC_KEYS.epochTrainAccuracy, label: 'train', perStep: false, dashed: false },
    { key: METRIC_KEYS.valAccuracy, label: 'val', perStep: false, dashed: true },
    { key: METRIC_KEYS.testAccuracy, label: 'test', perStep: false, dashed: true },
  ],
  lr: [{ key: METRIC_KEYS.lr, label: 'lr', perStep: true, dashed: false }],
};

const TITLES: Readonly<Record<CurveKind, [string, string]>> = {
  loss: ['Loss', 'cross-entropy loss'],
  accuracy: ['Accuracy', 'accuracy (%)'],
  lr: ['Learning rate', 'learning rate'],
};

// ECharts' default palette, fixed here so a run keeps its colour across figures.
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];

/** x of a point: epochs as a continuous axis (epoch e ends at x = e + 1). */
function xOf(step: number, epoch: number, perStep: boolean, stepsPerEpoch: number | null): number {
  if (perStep && stepsPerEpoch) return step / stepsPerEpoch;
  return epoch + 1;
}

/** The option of one curves figure; keys a run lacks are skipped, so a run without validation draws no val line. */
export function curvesOption(kind: CurveKind, runs: readonly CurveRun[]): EChartsOption {
  const [title, yName] = TITLES[kind];
  const series: object[] = [];
  runs.forEach((run, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    for (const line of CURVE_LINES[kind]) {
      const m = run.metrics.get(line.key);
      if (!m || m.steps.length === 0) continue;
      const data = m.steps.map((s, j) => {
        const v = m.values[j] ?? null;
        return [xOf(s, m.epochs[j]!, line.perStep, run.stepsPerEpoch), v === null ? null : kind === 'accuracy' ? v * 100 : v];
      });
      series.push({
        type: 'line',
        name: runs.length > 1 ? `${run.name} · ${line.label}` : line.label,
        data,
        color,
        showSymbol: !line.perStep,
        symbolSize: 5,
        lineStyle: { width: line.perStep ? 1.2 : 2, type: line.dashed ? 'dashed' : 'solid' },
        connectNulls: false,
      });
    }
  });
  return {
    // A figure of one run carries its name (several runs name themselves in the legend).
    title: { text: runs.length === 1 ? `${title} — ${runs[0]!.name}` : title, left: 'center', top: 6, textStyle: { fontSize: 15 } },
    // One scrolling row: a wrapped legend would run into the axis name.
    legend: { type: 'scroll', bottom: 4 },
    grid: { left: 64, right: 24, top: 44, bottom: 64 },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 26, min: 0 },
    // NOTE: a linear lr axis: a cosine schedule may reach 0, which a log axis cannot show.
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: 46, scale: true },
    series,
  } as EChartsOption;
}

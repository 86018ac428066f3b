// Metric series as the live run page holds them: plain growing arrays (not reactive: a version counter says
// when they changed), appended from progress events without duplicating steps already loaded.
import { METRIC_KEYS, type MetricPoints } from '../../../shared/api-inspect-types';
import { lttbIndices } from '../../../shared/downsample';
import type { EpochRecord } from '../../../shared/api-types';

export interface Series {
  readonly key: string;
  readonly steps: number[];
  readonly epochs: number[];
  readonly values: (number | null)[];
  /** Points stored on the service (more than steps.length when the load was downsampled). */
  totalPoints: number;
}

export function emptySeries(key: string): Series {
  return { key, steps: [], epochs: [], values: [], totalPoints: 0 };
}

export function seriesFrom(points: MetricPoints & { totalPoints?: number }): Series {
  return {
    key: points.key,
    steps: [...points.steps],
    epochs: [...points.epochs],
    values: [...points.values],
    totalPoints: points.totalPoints ?? points.steps.length,
  };
}

/** Appends the points with a step after the series' last one; returns how many were added. */
export function appendPoints(series: Series, points: Pick<MetricPoints, 'steps' | 'epochs' | 'values'>): number {
  const last = series.steps.length ? series.steps[series.steps.length - 1]! : -Infinity;
  let added = 0;
  for (let i = 0; i < points.steps.length; i++) {
    const step = points.steps[i]!;
    if (step <= last) continue;
    series.steps.push(step);
    series.epochs.push(points.epochs[i]!);
    series.values.push(points.values[i] ?? null);
    added++;
  }
  series.totalPoints += added;
  return added;
}

/** The loaded series, followed by whatever arrived live after its last step. */
export function mergeLoaded(loaded: Series, live: Series | undefined): Series {
  if (live) appendPoints(loaded, live);
  return loaded;
}

/** The per-epoch metric points an epoch record stands for (they are logged at the epoch's last step). */
export function epochRecordPoints(record: EpochRecord): MetricPoints[] {
  const at = (key: string, value: number | null): MetricPoints => ({
    key,
    steps: [record.step],
    epochs: [record.epoch],
    values: [value],
    times: [record.elapsedSeconds],
  });
  const out = [
    at(METRIC_KEYS.epochTrainLoss, record.trainLoss),
    at(METRIC_KEYS.epochTrainAccuracy, record.trainAccuracy),
    at(METRIC_KEYS.testLoss, record.testLoss),
    at(METRIC_KEYS.testAccuracy, record.testAccuracy),
  ];
  if (record.trainPassLoss !== null) out.push(at(METRIC_KEYS.trainPassLoss, record.trainPassLoss));
  if (record.trainPassAccuracy !== null) out.push(at(METRIC_KEYS.trainPassAccuracy, record.trainPassAccuracy));
  if (record.valLoss !== null) out.push(at(METRIC_KEYS.valLoss, record.valLoss));
  if (record.valAccuracy !== null) out.push(at(METRIC_KEYS.valAccuracy, record.valAccuracy));
  return out;
}

/**
 * Thins a long series in place to about `target` points (LTTB over the non-null points; first and last kept).
 * A live run can log hundreds of thousands of steps; a chart shows a few thousand, so holding more only costs.
 */
export function compactSeries(series: Series, target: number): void {
  const keep: number[] = [];
  for (let i = 0; i < series.steps.length; i++) if (series.values[i] !== null) keep.push(i);
  if (keep.length <= target) return;
  const chosen = lttbIndices(
    keep.map((i) => series.steps[i]!),
    keep.map((i) => series.values[i] as number),
    target,
  ).map((j) => keep[j]!);
  const steps = chosen.map((i) => series.steps[i]!);
  const epochs = chosen.map((i) => series.epochs[i]!);
  const values = chosen.map((i) => series.values[i]!);
  series.steps.length = 0;
  series.epochs.length = 0;
  series.values.length = 0;
  series.steps.push(...steps);
  series.epochs.push(...epochs);
  series.values.push(...values);
}

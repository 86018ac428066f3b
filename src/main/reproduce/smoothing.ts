// Per-step training loss smoothed for the figures: mini-batch losses jump around by a factor of three, which
// drowns the trend the report's curves show; an exponential moving average over a tenth of an epoch keeps it.
import type { MetricPoints } from '../../shared/api-inspect-types';
import { downsampleSeries } from '../../shared/downsample';

/**
 * The bias-corrected exponential moving average (TensorBoard's smoothing) with weight 1 − 1/window on the past.
 * Nulls stay null and do not move the average.
 */
export function emaSmooth(values: readonly (number | null)[], window: number): (number | null)[] {
  const beta = 1 - 1 / Math.max(1, window);
  let avg = 0;
  let weight = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    avg = beta * avg + (1 - beta) * v;
    weight = beta * weight + (1 - beta);
    return avg / weight;
  });
}

/** Steps averaged over: a tenth of an epoch, between 1 and 50. */
export function smoothingWindow(stepsPerEpoch: number | null): number {
  return Math.max(1, Math.min(50, Math.round((stepsPerEpoch ?? 10) / 10)));
}

/** `points` smoothed over `window` steps, then cut to at most `maxPoints` (smoothing first, so no spike survives). */
export function smoothedSeries(points: MetricPoints, window: number, maxPoints: number): MetricPoints {
  return downsampleSeries({ ...points, values: emaSmooth(points.values, window) }, maxPoints);
}

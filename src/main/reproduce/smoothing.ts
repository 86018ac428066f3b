// Per-step training loss smoothed for the figures: mini-batch losses jump around by a factor of three, which
// drowns the trend the report's curves show; an exponential moving average over a tenth of an epoch keeps it.
import type { MetricPoints } from '../../shared/api-inspect-types';
import { downsampleSeries } from '../../shared/downsample';
import { smoothEma, windowWeight } from '../../shared/ema';

/** Steps averaged over: a tenth of an epoch, between 1 and 50. */
export function smoothingWindow(stepsPerEpoch: number | null): number {
  return Math.max(1, Math.min(50, Math.round((stepsPerEpoch ?? 10) / 10)));
}

/** `points` smoothed over `window` steps, then cut to at most `maxPoints` (smoothing first, so no spike survives). */
export function smoothedSeries(points: MetricPoints, window: number, maxPoints: number): MetricPoints {
  return downsampleSeries({ ...points, values: smoothEma(points.values, windowWeight(window)) }, maxPoints);
}

// The store's downsampling (min/max per step range, as MetricsRepo.series does it in SQLite) on a series in memory:
// what the test doubles serve, so a page tested against them sees the points the real store would send.
import type { MetricPoints, MetricSeries } from './api-inspect-types';

/**
 * At most `maxPoints` points of `points` (steps ascending and unique): whole when its step span is shorter than
 * `maxPoints`; else the first and last points and, for each of ⌊(maxPoints − 2) / 2⌋ step ranges between them,
 * the points with the least and the greatest value (the earliest on a tie; null never wins; a range of nulls keeps
 * its last point); whole again when that would not be fewer points.
 */
export function decimateMinMax(points: MetricPoints, maxPoints: number): MetricSeries {
  const n = points.steps.length;
  const whole = { ...points, totalPoints: n };
  if (n === 0) return whole;
  const first = points.steps[0]!;
  const last = points.steps[n - 1]!;
  if (last - first < maxPoints) return whole;
  const buckets = Math.floor((maxPoints - 2) / 2);
  const span = last - first - 1;
  const keep: number[] = [0];
  let total = 2;
  let i = 1;
  for (let b = 0; b < buckets; b++) {
    const lo = first + 1 + Math.floor((b * span) / buckets);
    const hi = first + Math.floor(((b + 1) * span) / buckets);
    if (hi < lo) continue;
    while (i < n - 1 && points.steps[i]! < lo) i++;
    let min = -1;
    let max = -1;
    let lastInRange = -1;
    for (; i < n - 1 && points.steps[i]! <= hi; i++) {
      total++;
      lastInRange = i;
      const v = points.values[i];
      if (v === null || v === undefined) continue;
      if (min < 0 || v < points.values[min]!) min = i;
      if (max < 0 || v > points.values[max]!) max = i;
    }
    if (lastInRange < 0) continue;
    if (min < 0) keep.push(lastInRange);
    else if (min === max) keep.push(min);
    else keep.push(Math.min(min, max), Math.max(min, max));
  }
  keep.push(n - 1);
  if (total <= maxPoints) return whole;
  return {
    key: points.key,
    steps: keep.map((k) => points.steps[k]!),
    epochs: keep.map((k) => points.epochs[k]!),
    values: keep.map((k) => points.values[k]!),
    times: keep.map((k) => points.times[k]!),
    totalPoints: total,
  };
}

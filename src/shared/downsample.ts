// Downsampling of long metric series for charts: Largest-Triangle-Three-Buckets (Steinarsson 2013).
// It keeps the visual shape (peaks, dips) far better than taking every k-th point, at O(n).
import type { MetricPoints, MetricSeries } from './api-inspect-types';

/**
 * Indices of at most `maxPoints` points of (x, y) chosen by LTTB, ascending; the first and last are always kept.
 * x must be ascending. With n <= maxPoints every index is returned.
 */
export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints: number): number[] {
  const n = x.length;
  if (maxPoints >= n || n <= 2) return Array.from({ length: n }, (_, i) => i);
  if (maxPoints < 2) throw new RangeError(`lttbIndices: maxPoints must be >= 2, got ${maxPoints}`);
  const out = [0];
  // The n − 2 inner points go into maxPoints − 2 buckets; each bucket gives one point.
  const every = (n - 2) / (maxPoints - 2);
  let a = 0;
  for (let b = 0; b < maxPoints - 2; b++) {
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    // Average of the next bucket (or the last point) is the third corner of the triangle.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    const span = Math.max(nextEnd - nextStart, 1);
    for (let i = nextStart; i < nextStart + span; i++) {
      avgX += x[Math.min(i, n - 1)]!;
      avgY += y[Math.min(i, n - 1)]!;
    }
    avgX /= span;
    avgY /= span;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((x[a]! - avgX) * (y[i]! - y[a]!) - (x[a]! - x[i]!) * (avgY - y[a]!));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

/**
 * A series cut to at most `maxPoints` points (x = step). Series that fit are returned whole, nulls included;
 * when downsampling, null (NaN) points are left out of the choice.
 */
export function downsampleSeries(points: MetricPoints, maxPoints: number): MetricSeries {
  const total = points.steps.length;
  if (total <= maxPoints) return { ...points, totalPoints: total };
  const keep: number[] = [];
  for (let i = 0; i < total; i++) if (points.values[i] !== null) keep.push(i);
  const xs = keep.map((i) => points.steps[i]!);
  const ys = keep.map((i) => points.values[i] as number);
  const chosen = lttbIndices(xs, ys, maxPoints).map((j) => keep[j]!);
  return {
    key: points.key,
    steps: chosen.map((i) => points.steps[i]!),
    epochs: chosen.map((i) => points.epochs[i]!),
    values: chosen.map((i) => points.values[i]!),
    times: chosen.map((i) => points.times[i]!),
    totalPoints: total,
  };
}

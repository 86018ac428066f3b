// Whole-array statistics of a weight or gradient array: range, mean, spread, norm, sign balance.
export interface ValueStats {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Population standard deviation. */
  readonly std: number;
  /** Euclidean (L2) norm: √Σv². */
  readonly l2: number;
  /** Share of values > 0 (the sign balance; 0.5 for a symmetric init). */
  readonly positiveShare: number;
  /** Values exactly 0. */
  readonly zeros: number;
  /** NaN or ±Infinity values; they are left out of every other statistic. */
  readonly nonFinite: number;
}

/**
 * Statistics of `values` in two passes, accumulated in float64.
 * Empty (or all non-finite) input gives count 0 and zeros for every statistic.
 */
export function valueStats(values: ArrayLike<number>): ValueStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  let positive = 0;
  let zeros = 0;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      nonFinite++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSq += v * v;
    if (v > 0) positive++;
    else if (v === 0) zeros++;
  }
  const count = values.length - nonFinite;
  if (count === 0) {
    return { count, min: 0, max: 0, mean: 0, std: 0, l2: 0, positiveShare: 0, zeros: 0, nonFinite };
  }
  const mean = sum / count;
  // NOTE: a second pass around the mean; E[v²] − mean² cancels badly when |mean| ≫ std.
  let dev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) dev += (v - mean) * (v - mean);
  }
  return {
    count,
    min,
    max,
    mean,
    std: Math.sqrt(dev / count),
    l2: Math.sqrt(sumSq),
    positiveShare: positive / count,
    zeros,
    nonFinite,
  };
}

/** Euclidean norm √Σv², accumulated in float64 (NaN if any value is NaN). */
export function l2Norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]! * values[i]!;
  return Math.sqrt(s);
}

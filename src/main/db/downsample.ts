// Picks at most N points of a long series for a chart, keeping its shape: first, last, and each bucket's extremes.

/**
 * Indices (ascending) of at most `maxPoints` of `values` that draw like the whole series: the first and last
 * point, and the minimum and maximum of each of ⌊(maxPoints − 2) / 2⌋ equal-count buckets in between
 * (min/max decimation, as plotting tools do for long traces: spikes and the global extremes survive,
 * where averaging or LTTB may drop them). A series of at most `maxPoints` points comes back whole.
 * NOTE: NaN never wins a min or max (a bucket of NaN only keeps its first point); ±Infinity does.
 */
export function downsampleMinMax(values: ArrayLike<number>, maxPoints: number): number[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError(`maxPoints must be an integer >= 2, got ${maxPoints}`);
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.floor((maxPoints - 2) / 2);
  const inner = n - 2;
  const kept = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * inner) / buckets);
    const end = 1 + Math.floor(((b + 1) * inner) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      if (lo < 0 || v < values[lo]!) lo = i;
      if (hi < 0 || v > values[hi]!) hi = i;
    }
    if (lo < 0) kept.push(start);
    else if (lo === hi) kept.push(lo);
    else kept.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  kept.push(n - 1);
  return kept;
}

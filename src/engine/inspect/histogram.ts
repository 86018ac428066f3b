// Fixed-width histograms of weight or gradient values, for the distributions the report plots per layer.
import { ConfigError } from '../errors';

export interface Histogram {
  /** Left edge of the first bin. */
  readonly min: number;
  /** Right edge of the last bin (bin i covers [min + i·w, min + (i+1)·w), the last one includes max). */
  readonly max: number;
  /** Values per bin. */
  readonly counts: Uint32Array;
  /** Values not counted: NaN, ±Infinity, or outside a fixed `range`. */
  readonly dropped: number;
}

/**
 * Counts `values` into `bins` equal-width bins over `range`, or over the values' own [min, max].
 * NOTE: when every value is equal the range is widened to [v − 0.5, v + 0.5] (numpy's convention),
 * and with no finite value it is [0, 1], so min < max always holds for whoever draws the axis.
 */
export function histogram(values: ArrayLike<number>, bins: number, range?: { min: number; max: number }): Histogram {
  if (!Number.isInteger(bins) || bins < 1) throw new ConfigError('bins', `must be an integer >= 1, got ${bins}`);
  let lo: number;
  let hi: number;
  if (range) {
    if (!(Number.isFinite(range.min) && Number.isFinite(range.max) && range.min < range.max)) {
      throw new ConfigError('range', `must be finite with min < max, got [${range.min}, ${range.max}]`);
    }
    lo = range.min;
    hi = range.max;
  } else {
    lo = Infinity;
    hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      // NaN fails both comparisons, and ±Infinity is dropped below, so they never widen the range.
      if (v < lo && v !== -Infinity) lo = v;
      if (v > hi && v !== Infinity) hi = v;
    }
    if (lo > hi) {
      lo = 0;
      hi = 1;
    } else if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    }
  }
  const counts = new Uint32Array(bins);
  const scale = bins / (hi - lo);
  let dropped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= lo && v <= hi)) {
      dropped++;
      continue;
    }
    let b = Math.floor((v - lo) * scale);
    if (b >= bins) b = bins - 1; // v === hi belongs to the last bin
    counts[b]!++;
  }
  return { min: lo, max: hi, counts, dropped };
}

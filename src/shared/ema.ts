// TensorBoard-style smoothing, the one the app's curves and the report's figures share: an exponential moving
// average with debiasing, so the first points are not dragged toward zero (it starts at 0; 1 − w^n undoes that).

/**
 * Smoothed copy of `values` with weight `w` in [0, 1) (0 = raw). Nulls (NaN losses) stay null and do not
 * enter the average. NOTE: w = 0.999… makes the debias term 1 − w^n tiny for small n: still exact, not unstable.
 */
export function smoothEma(values: readonly (number | null)[], w: number): (number | null)[] {
  if (!(w >= 0 && w < 1)) throw new RangeError(`smoothEma: weight must be in [0, 1), got ${w}`);
  const out: (number | null)[] = new Array<number | null>(values.length);
  let last = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) {
      out[i] = null;
      continue;
    }
    last = last * w + (1 - w) * v;
    n++;
    out[i] = last / (1 - Math.pow(w, n));
  }
  return out;
}

/** The weight of an average over about `window` steps: 1 − 1/window (0, the raw values, for one step or less). */
export function windowWeight(window: number): number {
  return 1 - 1 / Math.max(1, window);
}

// TensorBoard-style smoothing: an exponential moving average with debiasing, so the first points are not
// dragged toward zero (the EMA starts at 0; dividing by 1 − w^n undoes that start).

/**
 * Smoothed copy of `values` with weight `w` in [0, 1) (0 = raw). Nulls (NaN losses) stay null and do not
 * enter the average. NOTE: w = 0.999… makes the debias term 1 − w^n tiny for small n: still exact, not unstable.
 */
export function smoothEma(values: readonly (number | null)[], w: number): (number | null)[] {
  if (!(w >= 0 && w < 1)) throw new RangeError(`smoothEma: weight must be in [0, 1), got ${w}`);
  if (w === 0) return values.slice();
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

// Parzen estimators for TPE, one parameter at a time (Optuna's independent TPE): a mixture of truncated
// normals over a numeric range, or smoothed counts over choices; each with a prior spread over the whole domain.
import { normal, pickWeighted, type Rng } from './rng';

/** Optuna's prior weight: the prior counts as one observation. */
const PRIOR_WEIGHT = 1;

export interface Estimator {
  sample(rng: Rng): number;
  logPdf(x: number): number;
}

/**
 * Optuna's default weights: equal for up to 25 observations; beyond that the oldest ramp down linearly
 * (the 25 most recent keep weight 1). `n` observations in trial order.
 */
export function recencyWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  return [...Array.from({ length: ramp }, (_, i) => (ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1))), ...new Array<number>(25).fill(1)];
}

/**
 * A mixture of normals truncated to [low, high]: one per observation (in the sampler's space: log for a log
 * range), plus the prior N((low+high)/2, high-low). Each bandwidth is the larger distance to a sorted neighbour,
 * clipped to [(high-low)/min(100, 1+n), high-low] ("magic clip", which keeps a lone cluster from collapsing).
 */
export function numericEstimator(xs: readonly number[], weights: readonly number[], low: number, high: number): Estimator {
  const span = high - low;
  const mus = [...xs, (low + high) / 2];
  const n = mus.length;
  const order = mus.map((_, i) => i).sort((a, b) => mus[a]! - mus[b]! || a - b);
  const sigmas = new Array<number>(n).fill(span);
  for (let r = 0; r < n; r++) {
    const left = r > 0 ? mus[order[r]!]! - mus[order[r - 1]!]! : null;
    const right = r < n - 1 ? mus[order[r + 1]!]! - mus[order[r]!]! : null;
    // NOTE: at the ends, only the inner neighbour counts (Optuna's consider_endpoints=False).
    sigmas[order[r]!] = Math.max(left ?? 0, right ?? 0);
  }
  const minSigma = span / Math.min(100, 1 + n);
  for (let i = 0; i < n; i++) sigmas[i] = Math.min(span, Math.max(minSigma, sigmas[i]!));
  sigmas[n - 1] = span;
  const w = normalise([...weights, PRIOR_WEIGHT]);
  const mass = mus.map((mu, i) => normalCdf((high - mu) / sigmas[i]!) - normalCdf((low - mu) / sigmas[i]!));
  return {
    sample(rng) {
      const i = pickWeighted(rng, w);
      for (let tries = 0; tries < 100; tries++) {
        const x = mus[i]! + sigmas[i]! * normal(rng);
        if (x >= low && x <= high) return x;
      }
      return Math.min(high, Math.max(low, mus[i]!));
    },
    logPdf(x) {
      let p = 0;
      for (let i = 0; i < n; i++) {
        const z = (x - mus[i]!) / sigmas[i]!;
        p += (w[i]! * Math.exp(-0.5 * z * z)) / (sigmas[i]! * Math.sqrt(2 * Math.PI) * Math.max(mass[i]!, 1e-12));
      }
      return Math.log(Math.max(p, 1e-300));
    },
  };
}

/** Choice probabilities: each observation's weight on its choice, plus the prior spread evenly over all choices. */
export function categoricalEstimator(indices: readonly number[], weights: readonly number[], choices: number): Estimator {
  const p = new Array<number>(choices).fill(PRIOR_WEIGHT / choices);
  indices.forEach((c, i) => (p[c]! += weights[i]!));
  const probs = normalise(p);
  return {
    sample: (rng) => pickWeighted(rng, probs),
    logPdf: (x) => Math.log(probs[x]!),
  };
}

function normalise(ws: readonly number[]): number[] {
  const total = ws.reduce((a, b) => a + b, 0);
  return ws.map((x) => x / total);
}

/** Φ(z), from erf (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

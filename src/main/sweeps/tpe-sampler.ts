// Bayesian search by a Tree-structured Parzen Estimator, as Optuna's default sampler does it (independent TPE):
// split the finished trials into a good and a bad group, model each parameter's density in both, and take the
// candidate (drawn from the good density) with the highest ratio l(x)/g(x). The first trials are random.
import type { GridValue } from '../../shared/grid-expand';
import type { SweepGoal } from '../../shared/api-sweep-types';
import { type Domain } from '../../shared/sweep-domains';
import { goodCount, type Observation, rankObservations } from './observations';
import { categoricalEstimator, type Estimator, numericEstimator, recencyWeights } from './parzen';
import { fromInternal, randomParams } from './random-sampler';
import { trialRng } from './rng';

export interface TpeOptions {
  readonly seed: number;
  readonly goal: SweepGoal;
  /** Random trials before TPE starts: TPE needs finished trials to model. */
  readonly startupTrials: number;
  readonly candidates: number;
}

/**
 * Trial `number`'s parameters from the observations so far. Pure: the same seed, number and observations give
 * the same values, which is what lets a sweep continue after a restart from what it stored.
 */
export function tpeParams(domains: Readonly<Record<string, Domain>>, number: number, observations: readonly Observation[], o: TpeOptions): Record<string, GridValue> {
  const ranked = rankObservations(observations, o.goal);
  if (ranked.length < Math.max(1, o.startupTrials)) return randomParams(domains, o.seed, number);
  const nGood = goodCount(ranked.length);
  // Recency weights follow trial order, as Optuna's do.
  const byNumber = [...ranked].sort((a, b) => a.number - b.number);
  const allWeights = recencyWeights(byNumber.length);
  const weightOf = new Map(byNumber.map((obs, i) => [obs.number, allWeights[i]!]));
  const good = ranked.slice(0, nGood).sort((a, b) => a.number - b.number);
  const bad = ranked.slice(nGood).sort((a, b) => a.number - b.number);
  const out: Record<string, GridValue> = {};
  Object.entries(domains).forEach(([key, d], j) => {
    const rng = trialRng(o.seed, number, 100 + j);
    if (d.kind === 'constant') return void (out[key] = d.value);
    const l = estimator(d, key, good, weightOf);
    const g = estimator(d, key, bad, weightOf);
    let best = l.sample(rng);
    let bestScore = -Infinity;
    for (let c = 0; c < o.candidates; c++) {
      const x = c === 0 ? best : l.sample(rng);
      const score = l.logPdf(x) - g.logPdf(x);
      if (score > bestScore) [best, bestScore] = [x, score];
    }
    out[key] = toValue(d, best);
  });
  return out;
}

/** The sampler's space of a domain: log for a log range; ints and q-steps widened by half a step to cover their ends. */
function bounds(d: Domain & { kind: 'int' | 'float' }): [number, number] {
  const half = d.kind === 'int' ? 0.5 : d.q !== undefined ? d.q / 2 : 0;
  const lo = d.low - half > 0 || !d.log ? d.low - half : d.low;
  return d.log ? [Math.log(lo), Math.log(d.high + half)] : [lo, d.high + half];
}

function estimator(d: Domain, key: string, obs: readonly Observation[], weightOf: ReadonlyMap<number, number>): Estimator {
  const weights = obs.map((o) => weightOf.get(o.number) ?? 1);
  if (d.kind === 'categorical') {
    const idx = obs.map((o) => Math.max(0, d.choices.findIndex((c) => JSON.stringify(c) === JSON.stringify(o.params[key]))));
    return categoricalEstimator(idx, weights, d.choices.length);
  }
  if (d.kind === 'constant') return categoricalEstimator([], [], 1);
  const [low, high] = bounds(d);
  const xs = obs.map((o) => {
    const v = Number(o.params[key]);
    return d.log ? Math.log(v) : v;
  });
  return numericEstimator(xs, weights, low, high);
}

function toValue(d: Domain, x: number): GridValue {
  if (d.kind === 'categorical') return d.choices[x]!;
  if (d.kind === 'constant') return d.value;
  return fromInternal(d, d.log ? Math.exp(x) : x);
}

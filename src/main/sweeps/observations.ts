// What a sampler learns from the trials so far: each one's parameters, how it ended, and its score.
import type { GridValue } from '../../shared/grid-expand';
import type { SweepGoal } from '../../shared/api-sweep-types';

export interface Observation {
  readonly number: number;
  readonly params: Readonly<Record<string, GridValue>>;
  /** complete: trained all its epochs; pruned: stopped early; failed: no usable score; running: not yet known. */
  readonly state: 'complete' | 'pruned' | 'failed' | 'running';
  /** The metric at its last finished epoch; null before its first. */
  readonly value: number | null;
  readonly epochsDone: number;
}

/** Lower is better: the value, negated for a metric to maximise. */
export const toLoss = (value: number, goal: SweepGoal) => (goal === 'maximize' ? -value : value);

/**
 * Finished observations best first, as Optuna ranks them for TPE: complete trials by score, then pruned ones
 * (those that got further first, then by score at the epoch they reached). Failed and running ones are left out.
 */
export function rankObservations(obs: readonly Observation[], goal: SweepGoal): Observation[] {
  const usable = obs.filter((o) => (o.state === 'complete' || o.state === 'pruned') && o.value !== null && Number.isFinite(o.value));
  const loss = (o: Observation) => toLoss(o.value!, goal);
  return usable.sort((a, b) => {
    if (a.state !== b.state) return a.state === 'complete' ? -1 : 1;
    if (a.state === 'pruned' && a.epochsDone !== b.epochsDone) return b.epochsDone - a.epochsDone;
    return loss(a) - loss(b) || a.number - b.number;
  });
}

/** Optuna's default gamma: the best ceil(10 %) of observations, at most 25, form the "good" group. */
export const goodCount = (n: number) => Math.min(Math.ceil(0.1 * n), 25);

// The sweep's next trial, whichever the method: the grid's next cell, a seeded random draw, or TPE's pick.
import { expandGrid, gridSize, type GridValue } from '../../shared/grid-expand';
import { type Domain, domainOf } from '../../shared/sweep-domains';
import { DEFAULT_CANDIDATES, DEFAULT_STARTUP_TRIALS, type SweepSpec } from '../../shared/sweep-spec';
import type { Observation } from './observations';
import { randomParams } from './random-sampler';
import { tpeParams } from './tpe-sampler';

export function sweepDomains(spec: SweepSpec): Record<string, Domain> {
  return Object.fromEntries(Object.entries(spec.parameters).map(([k, p]) => [k, domainOf(p)]));
}

/** Trials the sweep runs at most: run_cap, or the grid's size (capped by run_cap). */
export function sweepRunCap(spec: SweepSpec): number {
  return spec.method === 'grid' ? gridSize(spec).runs : spec.run_cap!;
}

/**
 * Trial `number`'s parameters. Pure: the spec (with its seed), the number and the observations of the trials
 * before decide it, so a restarted sweep proposes exactly what it would have.
 */
export function proposeTrial(spec: SweepSpec, number: number, observations: readonly Observation[]): Record<string, GridValue> {
  switch (spec.method) {
    case 'grid':
      return { ...expandGrid({ ...spec, run_cap: number + 1 })[number]!.params };
    case 'random':
      return randomParams(sweepDomains(spec), spec.seed, number);
    case 'bayes':
      return tpeParams(sweepDomains(spec), number, observations, {
        seed: spec.seed,
        goal: spec.metric.goal,
        startupTrials: spec.bayes?.startup_trials ?? DEFAULT_STARTUP_TRIALS,
        candidates: spec.bayes?.candidates ?? DEFAULT_CANDIDATES,
      });
  }
}

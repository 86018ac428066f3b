// The compare chart's x axis: epochs when every run's epoch length is known (runs of different batch or dataset
// sizes then line up by epoch), steps otherwise — for every run, so one axis never mixes the two.
import type { RunSummary } from '../../../shared/api-types';

export type CompareRun = Pick<RunSummary, 'id' | 'stepsTotal' | 'epochsTotal'>;

export interface CompareXAxis {
  /** What the x values are, as the axis names them. */
  readonly name: 'epoch' | 'step';
  /** The x of each of a run's steps. */
  x(run: CompareRun, steps: readonly number[]): number[];
}

/** Steps in one epoch of the run, or null while unknown (the worker reports the total once it has loaded the data). */
export function stepsPerEpochOf(run: CompareRun): number | null {
  return run.stepsTotal && run.epochsTotal ? run.stepsTotal / run.epochsTotal : null;
}

/** The axis for the runs drawn on one chart. */
export function compareXAxis(runs: readonly CompareRun[]): CompareXAxis {
  const inEpochs = runs.length > 0 && runs.every((r) => stepsPerEpochOf(r) !== null);
  if (!inEpochs) return { name: 'step', x: (_run, steps) => [...steps] };
  return {
    name: 'epoch',
    x: (run, steps) => {
      const perEpoch = stepsPerEpochOf(run) ?? 1;
      return steps.map((s) => s / perEpoch);
    },
  };
}

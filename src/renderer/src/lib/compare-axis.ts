// The compare charts' x axis: epochs (runs of different batch or dataset sizes line up by epoch, so only when every
// run's epoch length is known), steps, or wall time since each run started — one unit for every run on a chart.
import type { MetricPoints } from '../../../shared/api-inspect-types';
import type { RunSummary } from '../../../shared/api-types';

export type CompareRun = Pick<RunSummary, 'id' | 'stepsTotal' | 'epochsTotal'>;
export type XMode = 'epoch' | 'step' | 'time';

export const X_MODES: readonly { id: XMode; label: string }[] = [
  { id: 'epoch', label: 'Epoch' },
  { id: 'step', label: 'Step' },
  { id: 'time', label: 'Wall time' },
];

export interface CompareXAxis {
  /** What the x values are. */
  readonly name: XMode;
  /** The x of each point of a run's series. */
  x(run: CompareRun, series: Pick<MetricPoints, 'steps' | 'times'>): number[];
}

/** Steps in one epoch of the run, or null while unknown (the worker reports the total once it has loaded the data). */
export function stepsPerEpochOf(run: CompareRun): number | null {
  return run.stepsTotal && run.epochsTotal ? run.stepsTotal / run.epochsTotal : null;
}

/** Epochs can be drawn when every run knows its epoch length. */
export const epochsKnown = (runs: readonly CompareRun[]) => runs.length > 0 && runs.every((r) => stepsPerEpochOf(r) !== null);

/** The axis asked for, for the runs drawn on one chart; epochs fall back to steps for all when one run's length is unknown. */
export function compareXAxis(runs: readonly CompareRun[], wanted: XMode = 'epoch'): CompareXAxis {
  if (wanted === 'time') return { name: 'time', x: (_run, s) => [...s.times] };
  if (wanted === 'step' || !epochsKnown(runs)) return { name: 'step', x: (_run, s) => [...s.steps] };
  return {
    name: 'epoch',
    x: (run, s) => {
      const perEpoch = stepsPerEpochOf(run) ?? 1;
      return s.steps.map((step) => step / perEpoch);
    },
  };
}

// A sweep's trials as the samplers and early termination read them: state from the run's status, the score
// from the recorded per-epoch values.
import type { SweepMetricName } from '../../shared/api-sweep-types';
import type { EpochRecord } from '../../shared/api-types';
import type { Run, RunStatus, SweepTrialRow } from '../db';
import type { TrialCurve } from './early-termination';
import type { Observation } from './observations';

export function trialState(status: RunStatus | undefined): Observation['state'] {
  switch (status) {
    case 'completed':
      return 'complete';
    case 'pruned':
      return 'pruned';
    case 'queued':
    case 'running':
      return 'running';
    default:
      // Diverged, failed, cancelled, interrupted, or its run deleted: no score to learn from.
      return 'failed';
  }
}

/** The metric at the trial's last scored epoch, and how many epochs that is. */
export function lastValue(values: readonly (number | null)[]): { value: number | null; epochs: number } {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && values[i] !== undefined) return { value: values[i]!, epochs: i + 1 };
  return { value: null, epochs: 0 };
}

export function observationsOf(trials: readonly SweepTrialRow[], runs: ReadonlyMap<number, Run>): Observation[] {
  return trials.map((t) => {
    const { value, epochs } = lastValue(t.epochValues);
    return { number: t.number, params: t.params, state: trialState(runOf(t, runs)?.status), value, epochsDone: epochs };
  });
}

export function curvesOf(trials: readonly SweepTrialRow[], runs: ReadonlyMap<number, Run>): TrialCurve[] {
  return trials.map((t) => ({ number: t.number, values: t.epochValues, state: trialState(runOf(t, runs)?.status) }));
}

const runOf = (t: SweepTrialRow, runs: ReadonlyMap<number, Run>) => (t.runId === null ? undefined : runs.get(t.runId));

/** The sweep's metric in one epoch's record; null when the epoch has none (no validation split). */
export function epochMetric(record: EpochRecord, name: SweepMetricName): number | null {
  const v = {
    test_accuracy: record.testAccuracy,
    test_loss: record.testLoss,
    val_accuracy: record.valAccuracy,
    val_loss: record.valLoss,
    train_loss: record.trainLoss,
    train_accuracy: record.trainAccuracy,
  }[name];
  return v !== null && Number.isFinite(v) ? v : null;
}

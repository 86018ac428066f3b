// Everything a run recorded that training decides (not the clock), for tests that ask whether two runs are the
// same run: final weights, every metric point, epoch artifacts, predictions and the row's progress columns.
import { METRIC_KEYS } from '../../../shared/api-inspect-types';
import type { Store } from '../../db';
import { EPOCH_KEYS } from '../run-metrics';

/** Keys whose values are wall-clock measurements: a resumed run cannot repeat them. */
const TIMING_KEYS = new Set<string>([
  METRIC_KEYS.samplesPerSecond,
  EPOCH_KEYS.trainSeconds,
  EPOCH_KEYS.evalSeconds,
  EPOCH_KEYS.samplesPerSecond,
  EPOCH_KEYS.elapsedSeconds,
]);

export function runRecord(store: Store, runId: number) {
  const run = store.runs.get(runId)!;
  const metrics = Object.fromEntries(
    store.metrics
      .keys(runId)
      .filter((k) => !TIMING_KEYS.has(k.key))
      .map((k) => {
        const s = store.metrics.series(runId, k.key);
        return [k.key, { steps: s.steps, epochs: s.epochs, values: s.values }];
      }),
  );
  const epochs = Array.from({ length: run.epochsDone }, (_, e) => e);
  return {
    status: run.status,
    epochsDone: run.epochsDone,
    stepsDone: run.stepsDone,
    scores: [run.trainLoss, run.trainAccuracy, run.testLoss, run.testAccuracy, run.validationLoss, run.bestTestAccuracy, run.bestEpoch],
    weights: Buffer.from(store.artifacts.weights(runId)?.data ?? []).toString('base64'),
    metrics,
    histograms: store.artifacts.histograms(runId),
    snapshots: store.artifacts.snapshots(runId).map((i) => store.artifacts.snapshot(runId, i.epoch, i.param)),
    confusion: epochs.map((e) => store.artifacts.confusion(runId, 'test', e)),
    predictions: epochs.map((e) => store.predictions.get(runId, 'test', e)),
  };
}

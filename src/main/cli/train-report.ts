// Turns a finished run into what the command line prints: a summary line and the `--json` object.
import type { TrainRunResult } from '../worker/train-run';

export function resultJson(run: TrainRunResult, seconds: number): Record<string, unknown> {
  const { result, dataset, model } = run;
  const epochs = result.epochs;
  const last = epochs.at(-1);
  const mean = (f: (e: (typeof epochs)[number]) => number) => (epochs.length ? epochs.reduce((s, e) => s + f(e), 0) / epochs.length : null);
  return {
    status: result.stopReason,
    message: result.stopMessage,
    train_accuracy: last?.trainAccuracy ?? null,
    train_loss: last?.trainLoss ?? null,
    test_accuracy: last?.test.accuracy ?? null,
    test_loss: last?.test.loss ?? null,
    validation_accuracy: last?.validation?.accuracy ?? null,
    validation_loss: last?.validation?.loss ?? null,
    best_test_accuracy: epochs.length ? Math.max(...epochs.map((e) => e.test.accuracy)) : null,
    epochs: epochs.length,
    steps: result.steps,
    seconds_per_epoch: mean((e) => e.trainSeconds),
    eval_seconds_per_epoch: mean((e) => e.evalSeconds),
    samples_per_second: mean((e) => e.samplesPerSecond),
    total_seconds: seconds,
    parameters: model.parameterCount(),
    kernels: run.kernels,
    dataset: dataset.title,
    dataset_hash: dataset.hash,
    train_samples: dataset.train.n,
    test_samples: dataset.test.n,
    history: epochs.map((e) => ({
      epoch: e.epoch + 1,
      train_loss: e.trainLoss,
      train_accuracy: e.trainAccuracy,
      test_loss: e.test.loss,
      test_accuracy: e.test.accuracy,
      lr: e.lr,
      seconds: e.trainSeconds,
    })),
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

// Turns a finished run into what the command line prints: a summary line and the `--json` object.
import type { RunDetail } from '../../shared/api-types';

/** What the run's metrics record about its data and size (see FACT_KEYS), read once it has ended. */
export interface RunFacts {
  readonly trainSamples: number | null;
  readonly validationSamples: number | null;
  readonly testSamples: number | null;
}

// The titles `train` always printed (a folder is "IDX folder", whatever its path).
const DATASET_TITLES = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST', folder: 'IDX folder' } as const;

/** How the run stopped, in the trainer's words: completed | early_stopping | cancelled | diverged | failed | interrupted. */
export function stopStatus(run: RunDetail): string {
  return run.stopReason ?? run.status;
}

/** The `--json` object: every field `train` has always printed, plus `run_id`. */
export function resultJson(run: RunDetail, facts: RunFacts, seconds: number): Record<string, unknown> {
  const epochs = run.epochs;
  const last = epochs.at(-1);
  const mean = (f: (e: (typeof epochs)[number]) => number) => (epochs.length ? epochs.reduce((s, e) => s + f(e), 0) / epochs.length : null);
  const trainSamples = facts.trainSamples === null ? null : facts.trainSamples + (facts.validationSamples ?? 0);
  return {
    run_id: run.id,
    status: stopStatus(run),
    message: run.stopMessage ?? run.error ?? `trained ${epochs.length} epochs`,
    // train_*: means over the last epoch's batches; train_pass_*: a full pass over the training set after it.
    train_accuracy: last?.trainAccuracy ?? null,
    train_loss: last?.trainLoss ?? null,
    train_pass_accuracy: last?.trainPassAccuracy ?? null,
    train_pass_loss: last?.trainPassLoss ?? null,
    test_accuracy: last?.testAccuracy ?? null,
    test_loss: last?.testLoss ?? null,
    validation_accuracy: last?.valAccuracy ?? null,
    validation_loss: last?.valLoss ?? null,
    best_test_accuracy: epochs.length ? Math.max(...epochs.map((e) => e.testAccuracy)) : null,
    epochs: epochs.length,
    steps: run.stepsDone,
    seconds_per_epoch: mean((e) => e.trainSeconds),
    eval_seconds_per_epoch: mean((e) => e.evalSeconds),
    samples_per_second: mean((e) => e.samplesPerSecond),
    total_seconds: seconds,
    parameters: run.paramCount,
    kernels: run.kernels,
    dataset: DATASET_TITLES[run.config.dataset.name],
    dataset_hash: run.datasetHash,
    train_samples: trainSamples,
    test_samples: facts.testSamples,
    normalisation: run.normalisation,
    history: epochs.map((e) => ({
      epoch: e.epoch + 1,
      train_loss: e.trainLoss,
      train_accuracy: e.trainAccuracy,
      train_pass_accuracy: e.trainPassAccuracy,
      test_loss: e.testLoss,
      test_accuracy: e.testAccuracy,
      lr: e.lr,
      seconds: e.trainSeconds,
    })),
  };
}

export const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** "trained 10 epochs: train accuracy 99.10% (batches; 99.40% full pass), test accuracy 97.80% (1.23 s/epoch)". */
export function summaryLine(json: Record<string, unknown>): string {
  const acc = (v: unknown) => (typeof v === 'number' ? pct(v) : '–');
  const spe = json.seconds_per_epoch as number | null;
  return `${String(json.message)}: train accuracy ${acc(json.train_accuracy)} (batches; ${acc(json.train_pass_accuracy)} full pass), test accuracy ${acc(json.test_accuracy)} (${spe?.toFixed(2) ?? '–'} s/epoch)`;
}

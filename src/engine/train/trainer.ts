// The training loop: batches → forward → loss → backward → L2 → optimizer, with evaluation every epoch
// (the training set in a full pass, the validation and test sets).
import { Batcher } from '../data/batcher';
import type { AugmentSpec } from '../data/augment';
import type { Dataset } from '../data/dataset';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import type { OptimizerSpec } from '../optim';
import type { Optimizer } from '../optim/optimizer';
import { DataParallel, type ReplicaThreads } from '../parallel/data-parallel';
import { Tensor } from '../tensor';
import { captureCheckpoint, restoreCheckpoint, type TrainerCheckpoint } from './checkpoint';
import { divergence } from './divergence';
import { EarlyStopping, type EarlyStoppingSpec } from './early-stopping';
import { evaluate } from './evaluate';
import type { EpochMetrics, StepMetrics, StopReason, TrainResult } from './metrics';
import { singleThreadStep, type TrainStep } from './step';

export type TrainPassSchedule = 'every_epoch' | 'last_epoch';

export interface TrainerOptions {
  readonly model: Sequential;
  readonly optimizer: Optimizer;
  /** Learning rate at a 0-based global step. */
  readonly schedule: (step: number) => number;
  readonly l2: number;
  readonly train: Dataset;
  readonly test: Dataset;
  readonly validation?: Dataset;
  readonly batchSize: number;
  readonly epochs: number;
  readonly seed: number;
  readonly augment?: AugmentSpec;
  /**
   * When to score the whole training set in a full pass: after every epoch (the default) or after the last planned
   * one only — a pass costs about 40 % of an MLP epoch, and a grid that reads only final numbers need not pay it.
   */
  readonly trainPass?: TrainPassSchedule;
  /** Watches the validation loss (the test loss when there is no validation set). */
  readonly earlyStopping?: EarlyStoppingSpec;
  readonly onStep?: (m: StepMetrics) => void;
  readonly onEpoch?: (m: EpochMetrics) => void;
  /** Polled between steps; true cancels the run. */
  readonly shouldStop?: () => boolean;
  /** Milliseconds clock (the engine has no timer of its own); defaults to Date.now. */
  readonly now?: () => number;
  /**
   * Helper threads that train replicas of the model on shares of every batch (data parallelism), with
   * what they need to build them: the optimizer's spec and a seed. Absent: this thread alone.
   */
  readonly parallel?: { readonly threads: ReplicaThreads; readonly optimizer: OptimizerSpec; readonly seed: number };
  /** Continue from this end-of-epoch state (weights, optimizer, step, streams) instead of from the start. */
  readonly resume?: TrainerCheckpoint;
  /** Called after every finished epoch (whatever follows it) with a copy of the state a resume needs. */
  readonly onCheckpoint?: (c: TrainerCheckpoint) => void;
}

/**
 * Trains in place and returns what happened; never throws for NaN. A non-finite loss, or an epoch that shows
 * the run blew up (see `divergence`), stops it as `diverged`.
 */
export function train(o: TrainerOptions): TrainResult {
  const kernels = o.model.kernels;
  const loss = new SoftmaxCrossEntropy(kernels);
  // Before the helper threads start: they copy replica 0's weights and optimizer state.
  if (o.resume) restoreCheckpoint(o.model, o.optimizer, o.resume);
  const parallel =
    o.parallel && o.parallel.threads.helpers > 0
      ? new DataParallel(o.parallel.threads, o.model, o.optimizer, kernels, {
          spec: o.model.spec,
          seed: o.parallel.seed,
          optimizer: o.parallel.optimizer,
          l2: o.l2,
        })
      : null;
  const step: TrainStep = parallel
    ? Object.assign((x: Tensor, labels: Uint8Array, n: number, lr: number) => parallel.step(x, labels, n, lr), { settle: () => parallel.settle() })
    : singleThreadStep(o.model, loss, o.optimizer, o.l2, kernels);
  let result: TrainResult;
  try {
    result = trainWith(o, step, loss);
  } catch (err) {
    try {
      parallel?.close();
    } catch {
      // The first failure is the one to report.
    }
    throw err;
  }
  parallel?.close();
  return result;
}

function trainWith(o: TrainerOptions, trainStep: TrainStep, loss: SoftmaxCrossEntropy): TrainResult {
  const now = o.now ?? Date.now;
  const kernels = o.model.kernels;
  const batcher = new Batcher(o.train, { batchSize: o.batchSize, seed: o.seed, augment: o.augment, gatherRows: kernels.gatherRows });
  const sampleShape = o.train.shape;
  const sampleSize = sampleShape[0] * sampleShape[1] * sampleShape[2];
  // The batch lives in backend memory, labels too, so the first layer and the helper threads read it in place.
  const labels = kernels.allocInt32(Math.ceil(o.batchSize / 4));
  const buffers = { x: kernels.alloc(o.batchSize * sampleSize), y: new Uint8Array(labels.buffer, labels.byteOffset, o.batchSize) };
  const inputs = new Map<number, Tensor>();
  const inputFor = (n: number) => inputs.get(n) ?? inputs.set(n, new Tensor([n, ...sampleShape], buffers.x.subarray(0, n * sampleSize))).get(n)!;
  const stopper = o.earlyStopping ? new EarlyStopping(o.earlyStopping) : null;
  const resumed = o.resume;
  if (resumed?.earlyStopping && stopper) stopper.restore(resumed.earlyStopping);
  const epochs: EpochMetrics[] = [];
  const start = now() - (resumed?.elapsedSeconds ?? 0) * 1000;
  let step = resumed?.step ?? 0;
  /** The first step's loss: where the run started, for `divergence`. */
  let startLoss = resumed?.startLoss ?? NaN;
  let stop: { reason: StopReason; message: string } | null = null;

  for (let epoch = resumed?.epochsDone ?? 0; epoch < o.epochs && !stop; epoch++) {
    batcher.beginEpoch(epoch);
    const epochStart = now();
    let seen = 0;
    let lossSum = 0;
    let correctSum = 0;
    for (let n = batcher.next(buffers), next = 0; n > 0; n = next) {
      if (o.shouldStop?.()) {
        stop = { reason: 'cancelled', message: `cancelled at step ${step} (epoch ${epoch + 1})` };
        break;
      }
      const lr = o.schedule(step);
      const batch = trainStep(inputFor(n), buffers.y, n, lr);
      // The next batch is copied while helper threads finish their slices of the update, then the weights
      // are whole again for the hooks, the evaluation and the checkpoint.
      next = batcher.next(buffers);
      trainStep.settle?.();
      const total = batch.loss;
      if (!Number.isFinite(total)) {
        stop = { reason: 'diverged', message: `loss became ${total} at step ${step + 1} (epoch ${epoch + 1}): lower the learning rate` };
        break;
      }
      if (step === 0) startLoss = total;
      step++;
      seen += n;
      lossSum += total * n;
      correctSum += batch.correct;
      const elapsed = (now() - epochStart) / 1000;
      o.onStep?.({
        step,
        epoch,
        epochProgress: seen / o.train.n,
        loss: total,
        accuracy: batch.correct / n,
        lr,
        samplesPerSecond: elapsed > 0 ? seen / elapsed : 0,
        elapsedSeconds: (now() - start) / 1000,
      });
    }
    if (stop || seen === 0) break;
    const trainSeconds = (now() - epochStart) / 1000;
    const evalStart = now();
    const passNow = o.trainPass !== 'last_epoch' || epoch === o.epochs - 1;
    const trainPass = passNow ? evaluate(o.model, o.train, buffers.x, o.batchSize, loss) : undefined;
    const validation = o.validation ? evaluate(o.model, o.validation, buffers.x, o.batchSize, loss) : undefined;
    const test = evaluate(o.model, o.test, buffers.x, o.batchSize, loss);
    const metrics: EpochMetrics = {
      epoch,
      trainLoss: lossSum / seen,
      trainAccuracy: correctSum / seen,
      ...(trainPass && { trainPass }),
      validation,
      test,
      lr: o.schedule(Math.max(0, step - 1)),
      trainSeconds,
      evalSeconds: (now() - evalStart) / 1000,
      samplesPerSecond: seen / Math.max(trainSeconds, 1e-9),
      elapsedSeconds: (now() - start) / 1000,
    };
    epochs.push(metrics);
    o.onEpoch?.(metrics);
    const diverged = divergence(metrics, startLoss);
    if (diverged) stop = { reason: 'diverged', message: diverged };
    else if (stopper?.update(epoch, (validation ?? test).loss) && epoch < o.epochs - 1) {
      stop = { reason: 'early_stopping', message: `no improvement for ${o.earlyStopping!.patience} epochs (best at epoch ${stopper.bestAt + 1})` };
    }
    if (o.onCheckpoint) {
      const progress = {
        epochsDone: epoch + 1,
        step,
        startLoss,
        elapsedSeconds: metrics.elapsedSeconds,
        score: (validation ?? test).loss,
        earlyStopping: stopper?.state() ?? null,
      };
      o.onCheckpoint(captureCheckpoint(o.model, o.optimizer, progress));
    }
  }
  return {
    epochs,
    stopReason: stop?.reason ?? 'completed',
    stopMessage: stop?.message ?? `trained ${epochs.length} epochs`,
    steps: step,
    elapsedSeconds: (now() - start) / 1000,
  };
}

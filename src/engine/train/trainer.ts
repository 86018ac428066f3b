// The training loop: batches → forward → loss → backward → L2 → optimizer, with evaluation every epoch
// (the training set in a full pass, the validation and test sets).
import { Batcher } from '../data/batcher';
import type { AugmentSpec } from '../data/augment';
import type { Dataset } from '../data/dataset';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import type { Optimizer } from '../optim/optimizer';
import { addL2Grad, l2Penalty } from '../regularization/l2';
import { Tensor } from '../tensor';
import { divergence } from './divergence';
import { EarlyStopping, type EarlyStoppingSpec } from './early-stopping';
import { evaluate } from './evaluate';
import type { EpochMetrics, StepMetrics, StopReason, TrainResult } from './metrics';

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
}

/**
 * Trains in place and returns what happened; never throws for NaN. A non-finite loss, or an epoch that shows
 * the run blew up (see `divergence`), stops it as `diverged`.
 */
export function train(o: TrainerOptions): TrainResult {
  const now = o.now ?? Date.now;
  const kernels = o.model.kernels;
  const batcher = new Batcher(o.train, { batchSize: o.batchSize, seed: o.seed, augment: o.augment });
  const sampleShape = o.train.shape;
  const sampleSize = sampleShape[0] * sampleShape[1] * sampleShape[2];
  // The batch lives in backend memory so the first layer reads it without a copy.
  const buffers = { x: kernels.alloc(o.batchSize * sampleSize), y: new Uint8Array(o.batchSize) };
  const inputs = new Map<number, Tensor>();
  const inputFor = (n: number) => inputs.get(n) ?? inputs.set(n, new Tensor([n, ...sampleShape], buffers.x.subarray(0, n * sampleSize))).get(n)!;
  const loss = new SoftmaxCrossEntropy(kernels);
  const params = o.model.params();
  const stopper = o.earlyStopping ? new EarlyStopping(o.earlyStopping) : null;
  const epochs: EpochMetrics[] = [];
  const start = now();
  let step = 0;
  /** The first step's loss: where the run started, for `divergence`. */
  let startLoss = NaN;
  let stop: { reason: StopReason; message: string } | null = null;

  for (let epoch = 0; epoch < o.epochs && !stop; epoch++) {
    batcher.beginEpoch(epoch);
    const epochStart = now();
    let seen = 0;
    let lossSum = 0;
    let correctSum = 0;
    for (let n = batcher.next(buffers); n > 0; n = batcher.next(buffers)) {
      if (o.shouldStop?.()) {
        stop = { reason: 'cancelled', message: `cancelled at step ${step} (epoch ${epoch + 1})` };
        break;
      }
      const logits = o.model.forward(inputFor(n), true);
      const batch = loss.forwardBackward(logits, buffers.y);
      const total = batch.loss + (o.l2 > 0 ? l2Penalty(params, o.l2, kernels) : 0);
      if (!Number.isFinite(total)) {
        stop = { reason: 'diverged', message: `loss became ${total} at step ${step + 1} (epoch ${epoch + 1}): lower the learning rate` };
        break;
      }
      if (step === 0) startLoss = total;
      o.model.backward(loss.grad);
      if (o.l2 > 0) addL2Grad(params, o.l2, kernels);
      const lr = o.schedule(step);
      o.optimizer.step(lr);
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
  }
  return {
    epochs,
    stopReason: stop?.reason ?? 'completed',
    stopMessage: stop?.message ?? `trained ${epochs.length} epochs`,
    steps: step,
    elapsedSeconds: (now() - start) / 1000,
  };
}

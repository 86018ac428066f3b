import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { referenceKernels } from '../kernels/reference';
import { buildModel } from '../models/build';
import type { ModelSpec } from '../models/spec';
import { createOptimizer } from '../optim';
import { Rng } from '../random';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import { evaluate } from './evaluate';
import { train, type TrainerOptions } from './trainer';

/** Three classes of 1×4×4 "images": a bright row 0, 1 or 2 plus noise — separable, but not trivially. */
function blobs(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const images = new Float32Array(n * 16);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[i] = c;
    for (let j = 0; j < 16; j++) images[i * 16 + j] = 0.3 * rng.normal() + (Math.floor(j / 4) === c ? 1 : 0);
  }
  return { images, labels, n, shape: [1, 4, 4], classes: 3, normalisation: { mean: 0, std: 1 } };
}

const spec: ModelSpec = { input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'linear', units: 8 }, { type: 'relu' }, { type: 'linear', units: 3 }] };

function options(overrides: Partial<TrainerOptions> = {}): TrainerOptions {
  const model = buildModel(spec, referenceKernels, 7);
  return {
    model,
    optimizer: createOptimizer({ type: 'momentum', momentum: 0.9 }, model.params()),
    schedule: () => 0.05,
    l2: 1e-4,
    train: blobs(300, 1),
    test: blobs(90, 2),
    batchSize: 32,
    epochs: 5,
    seed: 3,
    ...overrides,
  };
}

/** A fresh model trained by plain SGD at a fixed learning rate. */
function sgdAt(lr: number): Pick<TrainerOptions, 'model' | 'optimizer' | 'schedule'> {
  const model = buildModel(spec, referenceKernels, 7);
  return { model, optimizer: createOptimizer({ type: 'sgd' }, model.params()), schedule: () => lr };
}

describe('train', () => {
  it('learns a separable problem and reports every epoch', () => {
    const epochs: number[] = [];
    const result = train(options({ onEpoch: (m) => epochs.push(m.epoch) }));
    expect(result.stopReason).toBe('completed');
    expect(epochs).toEqual([0, 1, 2, 3, 4]);
    expect(result.steps).toBe(5 * Math.ceil(300 / 32));
    const last = result.epochs.at(-1)!;
    expect(last.test.accuracy).toBeGreaterThan(0.95);
    expect(last.trainLoss).toBeLessThan(result.epochs[0]!.trainLoss);
    expect(Array.from(last.test.confusion.counts).reduce((a, b) => a + b)).toBe(90);
  });

  it("records a full pass over the training set beside the mean over the epoch's batches", () => {
    const o = options();
    const result = train(o);
    const last = result.epochs.at(-1)!;
    // The weights do not move after the last epoch: a fresh pass over the training set must agree exactly.
    const again = evaluate(o.model, o.train, new Float32Array(32 * 16), 32, new SoftmaxCrossEntropy(referenceKernels));
    expect(last.trainPass!.accuracy).toBe(again.accuracy);
    expect(last.trainPass!.loss).toBe(again.loss);
    expect(Array.from(last.trainPass!.confusion.counts).reduce((a, b) => a + b)).toBe(300);
    // In the first epoch the batches are scored while the model learns from scratch: below the pass after it.
    const first = result.epochs[0]!;
    expect(first.trainAccuracy).toBeLessThan(first.trainPass!.accuracy);
  });

  it('scores the training set after the last epoch only when asked, training the same weights', () => {
    const every = options();
    const last = options({ trainPass: 'last_epoch' });
    const a = train(every);
    const b = train(last);
    expect(b.epochs.map((e) => e.trainPass !== undefined)).toEqual([false, false, false, false, true]);
    expect(b.epochs.at(-1)!.trainPass).toEqual(a.epochs.at(-1)!.trainPass);
    last.model.params().forEach((p, i) => expect(Array.from(p.value)).toEqual(Array.from(every.model.params()[i]!.value)));
  });

  it('is bit-identical for the same seed and config', () => {
    const a = options();
    const b = options();
    const ra = train(a);
    const rb = train(b);
    expect(rb.epochs.map((e) => e.trainLoss)).toEqual(ra.epochs.map((e) => e.trainLoss));
    a.model.params().forEach((p, i) => expect(Array.from(b.model.params()[i]!.value)).toEqual(Array.from(p.value)));
  });

  it('stops with a clear reason when the loss diverges', () => {
    const result = train(options({ schedule: () => 1e6, l2: 0 }));
    expect(result.stopReason).toBe('diverged');
    expect(result.stopMessage).toMatch(/loss became (NaN|Infinity) at step \d+/);
  });

  it('stops a finite blow-up at the end of its epoch as diverged', () => {
    const epochs: number[] = [];
    const result = train(options({ ...sgdAt(10), onEpoch: (m) => epochs.push(m.epoch) }));
    expect(result.stopReason).toBe('diverged');
    expect(result.stopMessage).toMatch(/^the training loss rose to \d+(\.\d+)? in epoch 1, from 1\.\d+ at the first step/);
    // The epoch is reported before the run stops: its numbers show what happened.
    expect(epochs).toEqual([0]);
    expect(result.epochs).toHaveLength(1);
  });

  it('keeps training a run too slow to learn yet (its loss does not rise)', () => {
    const result = train(options({ ...sgdAt(1e-6), l2: 0 }));
    expect(result.stopReason).toBe('completed');
    expect(result.epochs).toHaveLength(5);
  });

  it('cancels between steps', () => {
    let steps = 0;
    const result = train(options({ onStep: () => steps++, shouldStop: () => steps >= 3 }));
    expect(result.stopReason).toBe('cancelled');
    expect(result.steps).toBe(3);
    expect(result.epochs).toEqual([]);
  });

  it('stops early when the held-out loss stops improving', () => {
    const result = train(options({ epochs: 50, earlyStopping: { patience: 1, minDelta: 10 } }));
    expect(result.stopReason).toBe('early_stopping');
    expect(result.epochs.length).toBe(2);
  });
});

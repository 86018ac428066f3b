import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from '../io/checkpoint-file';
import { referenceKernels } from '../kernels/reference';
import { buildModel } from '../models/build';
import type { ModelSpec } from '../models/spec';
import { createOptimizer, type OptimizerSpec } from '../optim';
import { Rng } from '../random';
import type { TrainerCheckpoint } from './checkpoint';
import type { EpochMetrics, StepMetrics } from './metrics';
import { train } from './trainer';

/** Three classes of 1×6×6 images (a bright row plus noise). */
function blobs(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const images = new Float32Array(n * 36);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let j = 0; j < 36; j++) images[i * 36 + j] = 0.3 * rng.normal() + (Math.floor(j / 6) === i % 3 ? 1 : 0);
  }
  return { images, labels, n, shape: [1, 6, 6], classes: 3, normalisation: { mean: 0, std: 1 } };
}

// Dropout (its own random stream) and augmentation (a stream per epoch) both in play.
const spec: ModelSpec = {
  input: [1, 6, 6],
  layers: [{ type: 'flatten' }, { type: 'linear', units: 12 }, { type: 'relu' }, { type: 'dropout', rate: 0.3 }, { type: 'linear', units: 3 }],
};

interface Trace {
  steps: StepMetrics[];
  epochs: EpochMetrics[];
  checkpoints: TrainerCheckpoint[];
  weights: Float32Array[];
}

/** Trains `epochs` epochs (from `resume` if given) and records what happened, timings left out. */
function run(optimizer: OptimizerSpec, epochs: number, resume?: TrainerCheckpoint): Trace {
  const model = buildModel(spec, referenceKernels, 5);
  const trace: Trace = { steps: [], epochs: [], checkpoints: [], weights: [] };
  train({
    model,
    optimizer: createOptimizer(optimizer, model.params()),
    schedule: (step) => 0.05 / (1 + 0.01 * step),
    l2: 1e-4,
    train: blobs(200, 1),
    test: blobs(60, 2),
    batchSize: 32,
    epochs,
    seed: 9,
    augment: { translate: 1, rotate: 10 },
    earlyStopping: { patience: 50 },
    now: () => 0,
    resume,
    onStep: (m) => trace.steps.push(m),
    onEpoch: (m) => trace.epochs.push(m),
    onCheckpoint: (c) => trace.checkpoints.push(c),
  });
  trace.weights = model.params().map((p) => p.value.slice());
  return trace;
}

describe('checkpoints', () => {
  for (const optimizer of [{ type: 'momentum', momentum: 0.9 }, { type: 'rmsprop' }, { type: 'adam' }] as OptimizerSpec[]) {
    it(`a run resumed from its epoch-2 checkpoint (through the file format) ends bit-identical to one that never stopped (${optimizer.type})`, () => {
      const straight = run(optimizer, 4);
      const first = run(optimizer, 2);
      const bytes = encodeCheckpoint(first.checkpoints[1]!);
      const { checkpoint } = decodeCheckpoint(bytes, 'epoch-2.ckpt');
      expect(checkpoint.epochsDone).toBe(2);
      const rest = run(optimizer, 4, checkpoint);
      expect(rest.weights).toEqual(straight.weights);
      expect([...first.steps, ...rest.steps]).toEqual(straight.steps);
      expect([...first.epochs, ...rest.epochs]).toEqual(straight.epochs);
      expect(rest.checkpoints.map((c) => c.epochsDone)).toEqual([3, 4]);
    });
  }

  it('catches what a resume would miss: without the dropout stream the runs part', () => {
    const optimizer: OptimizerSpec = { type: 'adam' };
    const straight = run(optimizer, 3);
    const c = run(optimizer, 1).checkpoints[0]!;
    const fresh = new Rng(123).state();
    const rest = run(optimizer, 3, { ...c, rngs: c.rngs.map(() => fresh) });
    expect(rest.weights).not.toEqual(straight.weights);
  });

  it('keeps non-finite numbers (an early stopper before its first epoch, a NaN start loss)', () => {
    const c = run({ type: 'sgd' }, 1).checkpoints[0]!;
    const odd = { ...c, startLoss: NaN, earlyStopping: { best: Infinity, bestEpoch: -1, waited: 0 } };
    expect(decodeCheckpoint(encodeCheckpoint(odd), 'x').checkpoint).toEqual(odd);
  });

  it('refuses a truncated or foreign file, naming it', () => {
    const bytes = encodeCheckpoint(run({ type: 'sgd' }, 1).checkpoints[0]!);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 9), 'run-3/epoch-1.ckpt')).toThrow(CheckpointError);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 9), 'run-3/epoch-1.ckpt')).toThrow(/run-3\/epoch-1\.ckpt.*corrupt or truncated/);
    expect(() => decodeCheckpoint(new Uint8Array(8), 'empty.ckpt')).toThrow(/empty\.ckpt/);
  });
});

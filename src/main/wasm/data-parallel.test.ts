// Data-parallel training on real worker threads: bit-identical runs for the same seed and thread count,
// close to one thread, and a failing replica reported, not hung.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kernels } from '../../engine/kernels/kernels';
import type { ReplicaThreads } from '../../engine/parallel';
import { parseRunConfig, type RunConfigInput } from '../../shared/run-config';
import { trainRun } from '../worker/train-run';
import { loadNativeAddon } from '../native/native-addon';
import { loadKernels } from './load-kernels';

const TINY = path.resolve(__dirname, '../../../resources/fixtures/mnist-tiny');

const mlp = {
  input: [1, 28, 28],
  layers: [{ type: 'flatten' }, { type: 'linear', units: 32 }, { type: 'relu' }, { type: 'dropout', rate: 0.1 }, { type: 'linear', units: 10 }],
};
const cnn = {
  input: [1, 28, 28],
  layers: [{ type: 'conv2d', filters: 6, kernel: 5 }, { type: 'relu' }, { type: 'maxpool2d', size: 2 }, { type: 'flatten' }, { type: 'linear', units: 10 }],
};

function config(overrides: Partial<RunConfigInput>) {
  return parseRunConfig({
    dataset: { name: 'folder', path: TINY },
    limitTrain: 321, // the last batch of 32 holds one sample: replica 0's share of it is empty
    limitTest: 100,
    model: mlp,
    optimizer: { type: 'momentum' },
    lr: 0.05,
    l2: 1e-4,
    batchSize: 32,
    epochs: 2,
    seed: 5,
    ...overrides,
  } as RunConfigInput);
}

/** Trains and returns every weight and the per-epoch metrics that must repeat exactly. */
async function outcome(kernels: Kernels, overrides: Partial<RunConfigInput> = {}) {
  const run = await trainRun(config(overrides), kernels);
  return {
    weights: run.model.params().map((p) => Array.from(p.value)),
    metrics: run.result.epochs.map((e) => [e.trainLoss, e.trainAccuracy, e.test.loss, e.test.accuracy]),
  };
}

/** The wasm kernels always; the native ones where they are built (on the same shared memory scheme). */
const backends = [{ name: 'wasm', native: false }, ...(typeof loadNativeAddon() === 'string' ? [] : [{ name: 'native', native: true }])];

describe.each(backends)('data-parallel training on two threads ($name kernels)', ({ native }) => {
  let one: Kernels;
  let two: Kernels;
  beforeAll(async () => {
    one = await loadKernels({ threads: 1, maximumMiB: 256, native });
    // Every run on both threads, however small its steps (these are tiny).
    two = await loadKernels({ threads: 2, maximumMiB: 256, native, minStepMacs: 0 });
  });
  afterAll(async () => {
    await two.replicas?.close();
  });

  it('is named after its thread count', () => {
    expect(two.name).toMatch(native ? /^native-\w+-2t$/ : /^wasm-(relaxed-)?simd-2t$/);
    expect(two.replicas?.helpers).toBe(1);
  });

  it.each([
    ['MLP with dropout, momentum and L2', {}],
    ['CNN with Adam', { model: cnn, optimizer: { type: 'adam' }, lr: 0.002, l2: 0 }],
  ] as const)('repeats a run bit for bit and stays close to one thread (%s)', async (_name, overrides) => {
    const a = await outcome(two, overrides as Partial<RunConfigInput>);
    const b = await outcome(two, overrides as Partial<RunConfigInput>);
    expect(b.weights).toEqual(a.weights);
    expect(b.metrics).toEqual(a.metrics);
    const single = await outcome(one, overrides as Partial<RunConfigInput>);
    // Other sums over the batch (two halves, then their sum) and other dropout masks: close, not equal.
    expect(single.weights).not.toEqual(a.weights);
    for (const [e, [loss, , , acc]] of a.metrics.entries()) {
      expect(Math.abs(loss! - single.metrics[e]![0]!)).toBeLessThan(0.15);
      expect(Math.abs(acc! - single.metrics[e]![3]!)).toBeLessThan(0.1);
    }
    expect(a.metrics.at(-1)![3]).toBeGreaterThan(0.4); // it learns (chance is 0.1)
  });

  it('trains a run whose steps are too small for a second thread on one, named so', async () => {
    const alone: Kernels = { ...two, replicas: { ...two.replicas!, minStepMacs: 1e12 } };
    const run = await trainRun(config({ epochs: 1 }), alone);
    expect(run.kernels).toBe(two.name.replace(/-2t$/, ''));
    const single = await trainRun(config({ epochs: 1 }), one);
    expect(run.model.params().map((p) => Array.from(p.value))).toEqual(single.model.params().map((p) => Array.from(p.value)));
  });

  it('reports a replica that fails instead of waiting for it, and runs again afterwards', async () => {
    const threads = two.replicas!;
    // Weights at an offset past the memory's end: the helper cannot read them and fails.
    const broken: ReplicaThreads = {
      ...threads,
      start: (setups) => threads.start(setups.map((s) => ({ ...s, values: s.values.map((v) => ({ ...v, offset: 2 ** 31 })) }))),
    };
    await expect(trainRun(config({ epochs: 1 }), { ...two, replicas: broken })).rejects.toThrow(/data-parallel training failed: replica 1: /);
    expect((await outcome(two, { epochs: 1 })).metrics).toHaveLength(1);
  });
});

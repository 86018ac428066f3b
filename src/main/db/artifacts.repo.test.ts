// Tests for the artifacts repository: histograms, weight snapshots (f32 exact, f16 compact), confusion, weights.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random';
import { ValidationError } from '../../shared/validation';
import { NotFoundError } from './errors';
import type { Store } from './store';
import { freshStore, sampleConfig, tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-artifacts-');
afterAll(() => temp.remove());
let store: Store;
let runId: number;
beforeEach(() => {
  store = freshStore(temp);
  runId = store.runs.create({ config: sampleConfig() }).id;
});
afterEach(() => store.close());

describe('histograms', () => {
  it('stores and filters per epoch, parameter and kind', () => {
    const h = (epoch: number, param: string, kind?: 'values' | 'gradients') => ({
      epoch,
      param,
      kind,
      min: -epoch - 1,
      max: epoch + 1,
      counts: new Uint32Array([epoch, 2, 3]),
      dropped: kind === 'gradients' ? 1 : undefined,
    });
    store.artifacts.putEpoch(runId, { histograms: [h(0, 'fc1.bias'), h(0, 'fc1.weight'), h(1, 'fc1.bias'), h(1, 'fc1.bias', 'gradients')] });
    expect(store.artifacts.histograms(runId)).toHaveLength(4);
    expect(store.artifacts.histograms(runId, { param: 'fc1.bias', kind: 'values' })).toEqual([
      { epoch: 0, param: 'fc1.bias', kind: 'values', min: -1, max: 1, dropped: 0, counts: new Uint32Array([0, 2, 3]) },
      { epoch: 1, param: 'fc1.bias', kind: 'values', min: -2, max: 2, dropped: 0, counts: new Uint32Array([1, 2, 3]) },
    ]);
    expect(store.artifacts.histograms(runId, { epoch: 1, kind: 'gradients' })[0]!.dropped).toBe(1);
  });
});

describe('weight snapshots', () => {
  const rng = new Rng(5);
  const weights = new Float32Array(784 * 32).map(() => rng.normal() * 0.05);

  it('keeps float32 exactly and float16 within its rounding, at half the size', () => {
    store.artifacts.putSnapshot(runId, { epoch: 0, param: 'fc1.weight', shape: [32, 784], values: weights }, 'f32');
    store.artifacts.putSnapshot(runId, { epoch: 1, param: 'fc1.weight', shape: [32, 784], values: weights });
    const exact = store.artifacts.snapshot(runId, 0, 'fc1.weight')!;
    expect(exact).toMatchObject({ encoding: 'f32', shape: [32, 784] });
    expect(exact.values).toEqual(weights);
    const half = store.artifacts.snapshot(runId, 1, 'fc1.weight')!;
    expect(half.encoding).toBe('f16');
    let worst = 0;
    for (let i = 0; i < weights.length; i++) worst = Math.max(worst, Math.abs(half.values[i]! - weights[i]!) / Math.max(Math.abs(weights[i]!), 2 ** -14));
    expect(worst).toBeLessThanOrEqual(2 ** -11);
    expect(store.artifacts.snapshots(runId)).toEqual([
      { epoch: 0, param: 'fc1.weight', shape: [32, 784], encoding: 'f32', bytes: 784 * 32 * 4 },
      { epoch: 1, param: 'fc1.weight', shape: [32, 784], encoding: 'f16', bytes: 784 * 32 * 2 },
    ]);
    expect(store.artifacts.snapshot(runId, 2, 'fc1.weight')).toBeUndefined();
  });

  it('refuses a shape that does not match the values', () => {
    expect(() => store.artifacts.putSnapshot(runId, { epoch: 0, param: 'b', shape: [3, 2], values: new Float32Array(5) })).toThrow(ValidationError);
    expect(() => store.artifacts.putSnapshot(runId, { epoch: 0, param: 'b', shape: [3, 2], values: new Float32Array(5) })).toThrow(
      /\[3, 2\] holds 6 values, got 5/,
    );
  });

  it('reads values from a view into a larger buffer without its neighbours', () => {
    const big = new Float32Array([9, 1, 2, 3, 9]);
    store.artifacts.putSnapshot(runId, { epoch: -1, param: 'b', shape: [3], values: big.subarray(1, 4) }, 'f32');
    expect(Array.from(store.artifacts.snapshot(runId, -1, 'b')!.values)).toEqual([1, 2, 3]);
  });
});

describe('confusion matrices', () => {
  it('returns a given epoch or the latest, per split', () => {
    const cm = (epoch: number, split: 'test' | 'validation') => ({ epoch, split, classes: 2, counts: new Uint32Array([10 + epoch, 1, 2, 20]) });
    store.artifacts.putEpoch(runId, { confusion: [cm(0, 'test'), cm(0, 'validation')] });
    store.artifacts.putEpoch(runId, { confusion: [cm(1, 'test')] });
    expect(store.artifacts.confusion(runId, 'test')).toEqual(cm(1, 'test'));
    expect(store.artifacts.confusion(runId, 'test', 0)).toEqual(cm(0, 'test'));
    expect(store.artifacts.confusion(runId, 'validation')).toEqual(cm(0, 'validation'));
    expect(store.artifacts.confusion(runId, 'train')).toBeUndefined();
    expect(() => store.artifacts.putConfusion(runId, { epoch: 2, split: 'test', classes: 3, counts: new Uint32Array(4) })).toThrow(
      /3 classes need 9 counts, got 4/,
    );
  });
});

describe('weights', () => {
  it('keeps the latest safetensors file of a run', () => {
    store.artifacts.putWeights(runId, new Uint8Array([1, 2, 3]));
    store.artifacts.putWeights(runId, new Uint8Array([4, 5]));
    const w = store.artifacts.weights(runId)!;
    expect(Array.from(w.data)).toEqual([4, 5]);
    expect(w.createdAt).toBeGreaterThan(0);
    expect(store.artifacts.weights(runId + 1)).toBeUndefined();
  });
});

it('writes an epoch all or nothing, and refuses a missing run by name', () => {
  const good = { epoch: 0, param: 'p', shape: [1], values: new Float32Array(1) };
  expect(() => store.artifacts.putEpoch(runId, { snapshots: [good, { ...good, param: 'q', shape: [2] }] })).toThrow(ValidationError);
  expect(store.artifacts.snapshots(runId)).toEqual([]);
  expect(() => store.artifacts.putEpoch(999, { snapshots: [good] })).toThrow(NotFoundError);
  expect(() => store.artifacts.putWeights(999, new Uint8Array(1))).toThrow('run 999 does not exist');
});

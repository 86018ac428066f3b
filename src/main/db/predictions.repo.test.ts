// Tests for the predictions repository: one split's classes and confidences per epoch, gone with their run.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from './errors';
import type { Store } from './store';
import { freshStore, sampleConfig, tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-predictions-');
afterAll(() => temp.remove());
let store: Store;
let runId: number;
beforeEach(() => {
  store = freshStore(temp);
  runId = store.runs.create({ config: sampleConfig() }).id;
});
afterEach(() => store.close());

describe('predictions', () => {
  it('stores them per epoch and split, byte for byte', () => {
    store.predictions.put(runId, { epoch: 0, split: 'test', predicted: Uint8Array.from([3, 7, 9]), confidence: Uint8Array.from([255, 128, 0]) });
    store.predictions.put(runId, { epoch: 1, split: 'test', predicted: Uint8Array.from([3, 3, 9]), confidence: Uint8Array.from([250, 200, 10]) });
    const p = store.predictions.get(runId, 'test', 0)!;
    expect(Array.from(p.predicted)).toEqual([3, 7, 9]);
    expect(Array.from(p.confidence)).toEqual([255, 128, 0]);
    expect(Array.from(store.predictions.get(runId, 'test', 1)!.predicted)).toEqual([3, 3, 9]);
    expect(store.predictions.get(runId, 'test', 2)).toBeUndefined();
    expect(store.predictions.get(runId, 'validation', 0)).toBeUndefined();
  });

  it('refuses arrays of different lengths and an unknown run, and goes with its run', () => {
    expect(() => store.predictions.put(runId, { epoch: 0, split: 'test', predicted: new Uint8Array(3), confidence: new Uint8Array(2) })).toThrow(RangeError);
    expect(() => store.predictions.put(9999, { epoch: 0, split: 'test', predicted: new Uint8Array(1), confidence: new Uint8Array(1) })).toThrow(NotFoundError);
    store.predictions.put(runId, { epoch: 0, split: 'test', predicted: new Uint8Array(1), confidence: new Uint8Array(1) });
    store.runs.delete(runId);
    expect(store.predictions.get(runId, 'test', 0)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { referenceKernels } from '../kernels/reference';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import { buildModel } from '../models/build';
import { evaluate } from './evaluate';

describe('evaluate', () => {
  // One linear layer 2 → 2 with hand-set weights: logits = x (identity), so each prediction is readable.
  const model = buildModel({ input: [1, 1, 2], layers: [{ type: 'flatten' }, { type: 'linear', units: 2 }] }, referenceKernels, 1);
  const [w, b] = model.params();
  w!.value.set([1, 0, 0, 1]);
  b!.value.set([0, 0]);
  const ds: Dataset = {
    images: Float32Array.from([2, 0, 0, 1, 1, 1]),
    labels: Uint8Array.from([0, 0, 1]),
    n: 3,
    shape: [1, 1, 2],
    classes: 2,
    normalisation: { mean: 0, std: 1 },
  };

  it("gives each example's class and probability, in dataset order, agreeing with the matrix", () => {
    const e = evaluate(model, ds, referenceKernels.alloc(2 * 2), 2, new SoftmaxCrossEntropy(referenceKernels));
    // [2, 0] → class 0 with 1/(1 + e^-2); [0, 1] → class 1 with 1/(1 + e^-1); [1, 1] is a tie → class 0 at 0.5.
    expect(Array.from(e.predicted)).toEqual([0, 1, 0]);
    expect(e.confidence[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(e.confidence[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(e.confidence[2]).toBeCloseTo(0.5, 6);
    // rows true, columns predicted: true 0 → 0 once, → 1 once; true 1 → 0 once.
    expect(Array.from(e.confusion.counts)).toEqual([1, 1, 1, 0]);
    expect(e.accuracy).toBeCloseTo(1 / 3, 10);
  });
});

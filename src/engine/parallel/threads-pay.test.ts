// A step's multiply-adds by hand, and the threshold from which the helper threads are used.
import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../kernels/reference';
import { buildModel } from '../models/build';
import { stepMacs, threadsPay } from './threads-pay';

const mlp = buildModel(
  {
    input: [1, 28, 28],
    layers: [
      { type: 'flatten' },
      { type: 'linear', units: 128 },
      { type: 'relu' },
      { type: 'linear', units: 64 },
      { type: 'relu' },
      { type: 'linear', units: 10 },
    ],
  },
  referenceKernels,
  1,
);

describe('threadsPay', () => {
  it('counts forward and weight gradient for the first layer, and the input gradient too for the others', () => {
    // 784·128 MACs × 2 passes + (128·64 + 64·10) × 3 passes, per sample.
    expect(stepMacs(mlp, 1)).toBe(784 * 128 * 2 + (128 * 64 + 64 * 10) * 3);
    expect(stepMacs(mlp, 128)).toBe(29_081_600);
  });

  it('uses the threads from the threshold on (none set: always)', () => {
    expect(threadsPay(mlp, 128, { minStepMacs: 29_081_600 })).toBe(true);
    expect(threadsPay(mlp, 128, { minStepMacs: 29_081_601 })).toBe(false);
    expect(threadsPay(mlp, 256, { minStepMacs: 50e6 })).toBe(true);
    expect(threadsPay(mlp, 1, {})).toBe(true);
  });
});

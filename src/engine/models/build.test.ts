// Building a model over shared param values (a data-parallel helper over replica 0's weights).
import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { referenceKernels } from '../kernels/reference';
import { buildModel } from './build';
import type { ModelSpec } from './spec';

const SPEC: ModelSpec = {
  input: [1, 6, 6],
  layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', units: 3 }],
};

describe('buildModel with shared values', () => {
  it('uses the shared buffers as they are, neither copied nor re-initialised, with gradients of its own', () => {
    const first = buildModel(SPEC, referenceKernels, 1);
    const before = first.params().map((p) => Array.from(p.value));
    const shared = new Map(first.params().map((p) => [p.name, p.value]));
    const second = buildModel(SPEC, referenceKernels, 2, shared);
    second.params().forEach((p, i) => {
      expect(p.value).toBe(first.params()[i]!.value);
      expect(Array.from(p.value)).toEqual(before[i]); // seed 2 would have initialised other weights
      expect(p.grad).not.toBe(first.params()[i]!.grad);
    });
  });

  it('allocates and initialises the params the map does not name', () => {
    const first = buildModel(SPEC, referenceKernels, 1);
    const second = buildModel(SPEC, referenceKernels, 1, new Map([['layers.3.weight', first.params()[2]!.value]]));
    expect(second.params()[2]!.value).toBe(first.params()[2]!.value);
    expect(second.params()[0]!.value).not.toBe(first.params()[0]!.value);
    expect(Array.from(second.params()[0]!.value)).toEqual(Array.from(first.params()[0]!.value));
  });

  it('refuses a shared value of the wrong size, naming the param', () => {
    expect(() => buildModel(SPEC, referenceKernels, 1, new Map([['layers.0.weight', new Float32Array(5)]]))).toThrow(ShapeError);
    expect(() => buildModel(SPEC, referenceKernels, 1, new Map([['layers.0.weight', new Float32Array(5)]]))).toThrow(
      /layers\.0\.weight: the shared value holds 5 numbers, the param 18/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError } from '../errors';
import { referenceKernels } from '../kernels/reference';
import type { Kernels } from '../kernels/kernels';
import { Rng } from '../random';
import { gradcheckLayer, randomTensor, testContext } from '../testing/gradcheck';
import { Tensor } from '../tensor';
import { Linear } from './linear';

function built(inF: number, out: number, needsInputGrad = true, kernels: Kernels = referenceKernels): Linear {
  const l = new Linear({ type: 'linear', units: out });
  l.build([inF], testContext({ needsInputGrad, kernels, prefix: 'layers.3' }));
  return l;
}

describe('Linear', () => {
  it('computes y = x·Wᵀ + b with W stored [out, in]', () => {
    const l = built(3, 2);
    const [w, b] = l.params();
    w!.value.set([1, 2, 3, 4, 5, 6]);
    b!.value.set([0.5, -1]);
    const y = l.forward(new Tensor([2, 3], Float32Array.of(1, 0, -1, 2, 1, 0)), true);
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(y.data)).toEqual([-1.5, -3, 4.5, 12]);
  });

  it('backward gives dW = dyᵀ·x, db = column sums, dx = dy·W', () => {
    const l = built(3, 2);
    const [w, b] = l.params();
    w!.value.set([1, 2, 3, 4, 5, 6]);
    l.forward(new Tensor([2, 3], Float32Array.of(1, 0, -1, 2, 1, 0)), true);
    const dx = l.backward(new Tensor([2, 2], Float32Array.of(1, 0, 0.5, 1)))!;
    expect(Array.from(w!.grad)).toEqual([2, 0.5, -1, 2, 1, 0]);
    expect(Array.from(b!.grad)).toEqual([1.5, 1]);
    expect(Array.from(dx.data)).toEqual([1, 2, 3, 4.5, 6, 7.5]);
  });

  it('names and shapes its params PyTorch-style', () => {
    const ps = built(784, 128).params();
    expect(ps.map((p) => [p.name, p.shape, p.role])).toEqual([
      ['layers.3.weight', [128, 784], 'weight'],
      ['layers.3.bias', [128], 'bias'],
    ]);
    expect(ps[1]!.value.every((v) => v === 0)).toBe(true);
  });

  it('passes the gradient check', () => {
    const l = built(5, 4);
    const r = gradcheckLayer(l, randomTensor([3, 5], new Rng(11)));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(15 + 20 + 4);
  });

  it('skips dx for a first layer but still fills param grads', () => {
    const l = built(5, 4, false);
    const r = gradcheckLayer(l, randomTensor([3, 5], new Rng(12)));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(20 + 4);
    expect(l.backward(randomTensor([3, 4], new Rng(1)))).toBeNull();
  });

  it('reuses its buffers, allocating once per batch size even when sizes alternate', () => {
    let allocs = 0;
    const counting: Kernels = { ...referenceKernels, alloc: (n) => (allocs++, new Float32Array(n)) };
    const l = built(6, 3, true, counting);
    const afterBuild = allocs;
    const big = randomTensor([8, 6], new Rng(1));
    const small = randomTensor([2, 6], new Rng(2));
    const y1 = l.forward(big, true);
    l.backward(randomTensor([8, 3], new Rng(3)));
    l.forward(small, true);
    const afterBoth = allocs;
    for (let i = 0; i < 5; i++) {
      expect(l.forward(big, true)).toBe(y1);
      l.backward(y1);
      l.forward(small, true);
    }
    expect(afterBoth - afterBuild).toBe(4); // y and dx for each of the two sizes
    expect(allocs).toBe(afterBoth);
  });

  it('rejects bad specs and shapes, naming them', () => {
    expect(() => new Linear({ type: 'linear', units: 0 }, 'layers[1]')).toThrow(new ConfigError('layers[1].units', 'must be a positive integer, got 0'));
    expect(() => new Linear({ type: 'linear', units: 4 }).build([1, 28, 28], testContext())).toThrow(/put a flatten layer/);
    expect(() => built(3, 2).forward(new Tensor([2, 4]), false)).toThrow(ShapeError);
    expect(() => built(3, 2).backward(new Tensor([2, 2]))).toThrow(/before a training forward/);
  });
});

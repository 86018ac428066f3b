import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError } from '../errors';
import { referenceKernels } from '../kernels/reference';
import type { Kernels } from '../kernels/kernels';
import { Rng } from '../random';
import { gradcheckLayer, randomTensor, testContext } from '../testing/gradcheck';
import { Tensor, type Shape } from '../tensor';
import { Conv2d } from './conv2d';

function built(
  spec: { filters: number; kernel: number; stride?: number; padding?: number },
  input: Shape,
  needsInputGrad = true,
  kernels: Kernels = referenceKernels,
) {
  const conv = new Conv2d({ type: 'conv2d', ...spec });
  const out = conv.build(input, testContext({ needsInputGrad, kernels, prefix: 'layers.0' }));
  return { conv, out };
}

describe('Conv2d', () => {
  it('sums each 3×3 window with stride 2 and padding 1, plus the bias', () => {
    const { conv, out } = built({ filters: 1, kernel: 3, stride: 2, padding: 1 }, [1, 4, 4]);
    expect(out).toEqual([1, 2, 2]);
    const [w, b] = conv.params();
    w!.value.fill(1);
    b!.value[0] = 0.5;
    const x = new Tensor(
      [1, 1, 4, 4],
      Float32Array.from({ length: 16 }, (_, i) => i),
    );
    // windows: rows/cols {0,1}, {1,2,3} → 0+1+4+5, 1+2+3+5+6+7, 4+5+8+9+12+13, 5+6+7+9+10+11+13+14+15
    expect(Array.from(conv.forward(x, false).data)).toEqual([10.5, 24.5, 51.5, 90.5]);
  });

  it('computes a two-channel, two-filter correlation (not a flipped convolution)', () => {
    const { conv } = built({ filters: 2, kernel: 2 }, [2, 2, 3]);
    const [w] = conv.params();
    // filter 0 reads the top-left of channel 0 minus the bottom-right of channel 1; filter 1 is all 1s on channel 1
    w!.value.set([1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 1, 1, 1]);
    const x = new Tensor([1, 2, 2, 3], Float32Array.of(1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60));
    expect(Array.from(conv.forward(x, false).data)).toEqual([1 - 50, 2 - 60, 120, 160]);
  });

  it('names its params weight [F, C, kh, kw] and bias [F]', () => {
    const { conv } = built({ filters: 8, kernel: 3 }, [1, 28, 28]);
    expect(conv.params().map((p) => [p.name, p.shape, p.role])).toEqual([
      ['layers.0.weight', [8, 1, 3, 3], 'weight'],
      ['layers.0.bias', [8], 'bias'],
    ]);
  });

  it('passes the gradient check with stride 2 and padding 1', () => {
    const { conv } = built({ filters: 3, kernel: 3, stride: 2, padding: 1 }, [2, 5, 5]);
    const r = gradcheckLayer(conv, randomTensor([2, 2, 5, 5], new Rng(21)));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(100 + 54 + 3);
  });

  it('passes the gradient check with stride 1, no padding, a non-square input', () => {
    const { conv } = built({ filters: 2, kernel: 2 }, [3, 4, 5]);
    const r = gradcheckLayer(conv, randomTensor([3, 3, 4, 5], new Rng(22)));
    expect(r.failures).toEqual([]);
  });

  it('as a first layer returns no dx but still checks its param grads', () => {
    const { conv } = built({ filters: 2, kernel: 3, padding: 1 }, [1, 4, 4], false);
    const r = gradcheckLayer(conv, randomTensor([2, 1, 4, 4], new Rng(23)));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(18 + 2);
  });

  it('gives the same output in evaluation and training mode', () => {
    const { conv } = built({ filters: 4, kernel: 3, padding: 1 }, [2, 6, 6]);
    const x = randomTensor([3, 2, 6, 6], new Rng(24));
    const evalOut = conv.forward(x, false).data.slice();
    expect(conv.forward(x, true).data).toEqual(evalOut);
  });

  it('keeps the right saved state across alternating batch sizes and allocates nothing after warm-up', () => {
    let allocs = 0;
    const counting: Kernels = { ...referenceKernels, alloc: (n) => (allocs++, new Float32Array(n)) };
    const { conv } = built({ filters: 2, kernel: 3, stride: 2 }, [1, 7, 7], true, counting);
    const a = randomTensor([4, 1, 7, 7], new Rng(1));
    const b = randomTensor([1, 1, 7, 7], new Rng(2));
    const g = randomTensor([4, 2, 3, 3], new Rng(3));
    conv.forward(a, true);
    const dxA = conv.backward(g)!.data.slice();
    const dwA = conv.params()[0]!.grad.slice();
    conv.forward(b, true);
    conv.backward(randomTensor([1, 2, 3, 3], new Rng(4)));
    const warm = allocs;
    conv.forward(a, true);
    expect(conv.backward(g)!.data).toEqual(dxA);
    expect(conv.params()[0]!.grad).toEqual(dwA);
    conv.forward(b, true);
    expect(allocs).toBe(warm);
  });

  it('rejects bad specs and shapes, naming them', () => {
    expect(() => new Conv2d({ type: 'conv2d', filters: 4, kernel: 3, stride: 0 }, 'layers[0]')).toThrow(ConfigError);
    expect(() => new Conv2d({ type: 'conv2d', filters: 4, kernel: 3, padding: -1 })).toThrow(/conv2d\.padding: must be a non-negative integer, got -1/);
    expect(() => built({ filters: 1, kernel: 5 }, [1, 3, 3])).toThrow(/does not fit input \[1, 3, 3\]/);
    expect(() => built({ filters: 1, kernel: 3 }, [9])).toThrow(ShapeError);
    expect(() => built({ filters: 1, kernel: 3 }, [1, 5, 5]).conv.forward(new Tensor([1, 2, 5, 5]), false)).toThrow(
      /conv2d: x must have shape \[\?, 1, 5, 5\]/,
    );
  });
});

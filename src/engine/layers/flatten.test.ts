import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { gradcheckLayer, randomTensor, testContext } from '../testing/gradcheck';
import { Tensor } from '../tensor';
import { Flatten } from './flatten';

describe('Flatten', () => {
  it('views [N, C, H, W] as [N, C·H·W] without copying', () => {
    const f = new Flatten();
    expect(f.build([2, 2, 3], testContext())).toEqual([12]);
    const x = new Tensor(
      [2, 2, 2, 3],
      Float32Array.from({ length: 24 }, (_, i) => i),
    );
    const y = f.forward(x, true);
    expect(y.shape).toEqual([2, 12]);
    expect(y.data).toBe(x.data);
    expect(y.data[13]).toBe(13);
  });

  it('views dy back as the input shape', () => {
    const f = new Flatten({ type: 'flatten' });
    f.build([2, 2, 3], testContext());
    f.forward(new Tensor([2, 2, 2, 3]), true);
    const dy = new Tensor(
      [2, 12],
      Float32Array.from({ length: 24 }, (_, i) => -i),
    );
    const dx = f.backward(dy)!;
    expect(dx.shape).toEqual([2, 2, 2, 3]);
    expect(dx.data).toBe(dy.data);
  });

  it('passes the gradient check', () => {
    const f = new Flatten();
    f.build([3, 2, 2], testContext());
    const r = gradcheckLayer(f, randomTensor([2, 3, 2, 2], new Rng(41)));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(24);
  });

  it('returns no dx as a first layer', () => {
    const f = new Flatten();
    f.build([4], testContext({ needsInputGrad: false }));
    f.forward(new Tensor([1, 4]), true);
    expect(f.backward(new Tensor([1, 4]))).toBeNull();
  });
});

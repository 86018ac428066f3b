import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { gradcheckLayer, randomTensor, testContext } from '../../testing/gradcheck';
import { Tensor } from '../../tensor';
import { ReLU } from './relu';

const X = new Tensor([1, 5], Float32Array.of(-2, -0.5, 0, 0.5, 2));

describe('ReLU', () => {
  it('clamps negatives to zero', () => {
    const r = new ReLU();
    r.build([5], testContext());
    expect(Array.from(r.forward(X, false).data)).toEqual([0, 0, 0, 0.5, 2]);
  });

  it('passes gradient only where x > 0, and none at exactly 0', () => {
    const r = new ReLU();
    r.build([5], testContext());
    r.forward(X, true);
    const dx = r.backward(new Tensor([1, 5], new Float32Array(5).fill(3)))!;
    expect(Array.from(dx.data)).toEqual([0, 0, 0, 3, 3]);
  });

  it('passes the gradient check away from the kink', () => {
    const r = new ReLU({ type: 'relu' });
    r.build([2, 3, 3], testContext());
    const x = randomTensor([2, 2, 3, 3], new Rng(51));
    // Keep every input further than eps from 0, where the derivative jumps.
    for (let i = 0; i < x.size; i++) if (Math.abs(x.data[i]!) < 0.05) x.data[i] = 0.1;
    const report = gradcheckLayer(r, x);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(36);
  });

  it('returns no dx as a first layer', () => {
    const r = new ReLU();
    r.build([5], testContext({ needsInputGrad: false }));
    r.forward(X, true);
    expect(r.backward(X)).toBeNull();
  });
});

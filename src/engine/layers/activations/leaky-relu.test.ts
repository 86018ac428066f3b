import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors';
import { Rng } from '../../random';
import { gradcheckLayer, randomTensor, testContext } from '../../testing/gradcheck';
import { Tensor } from '../../tensor';
import { LeakyReLU } from './leaky-relu';

const X = new Tensor([1, 5], Float32Array.of(-2, -0.5, 0, 0.5, 2));

describe('LeakyReLU', () => {
  it('scales negatives by the slope', () => {
    const l = new LeakyReLU({ type: 'leaky_relu', slope: 0.1 });
    l.build([5], testContext());
    expect(Array.from(l.forward(X, false).data)).toEqual([-0.2, -0.05, 0, 0.5, 2].map(Math.fround));
  });

  it('defaults the slope to 0.01 and uses it as the gradient at 0', () => {
    const l = new LeakyReLU();
    expect(l.slope).toBe(0.01);
    l.build([5], testContext());
    l.forward(X, true);
    const dx = l.backward(new Tensor([1, 5], new Float32Array(5).fill(2)))!;
    expect(Array.from(dx.data)).toEqual([0.02, 0.02, 0.02, 2, 2].map(Math.fround));
  });

  it('passes the gradient check away from the kink', () => {
    const l = new LeakyReLU({ type: 'leaky_relu', slope: 0.2 });
    l.build([12], testContext());
    const x = randomTensor([3, 12], new Rng(52));
    for (let i = 0; i < x.size; i++) if (Math.abs(x.data[i]!) < 0.05) x.data[i] = -0.1;
    const report = gradcheckLayer(l, x);
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(36);
  });

  it('rejects a slope outside [0, 1)', () => {
    expect(() => new LeakyReLU({ type: 'leaky_relu', slope: 1.5 })).toThrow(new ConfigError('leaky_relu.slope', 'must be a number in [0, 1), got 1.5'));
  });
});

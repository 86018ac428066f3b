// Dropout is stochastic, so instead of a finite-difference check its backward is tested against the
// mask its own forward drew (dx = dy · y/x), which is exactly the gradient of that sampled function.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import { Rng } from '../random';
import { randomTensor, testContext } from '../testing/gradcheck';
import { Tensor } from '../tensor';
import { Dropout } from './dropout';

function built(rate: number, seed = 5): Dropout {
  const d = new Dropout({ type: 'dropout', rate });
  d.build([100], testContext({ seed }));
  return d;
}

describe('Dropout', () => {
  it('is the identity outside training (returns x itself)', () => {
    const x = randomTensor([4, 100], new Rng(1));
    expect(built(0.5).forward(x, false)).toBe(x);
  });

  it('zeroes about `rate` of the values and scales the rest by 1/(1 − rate)', () => {
    const x = new Tensor([50, 100], new Float32Array(5000).fill(2));
    const y = built(0.25).forward(x, true).data;
    const zeros = y.filter((v) => v === 0).length;
    expect(zeros / y.length).toBeGreaterThan(0.22);
    expect(zeros / y.length).toBeLessThan(0.28);
    expect(y.every((v) => v === 0 || Math.abs(v - 2 / 0.75) < 1e-6)).toBe(true);
  });

  it('keeps the mean unchanged in expectation (inverted dropout)', () => {
    const x = new Tensor([100, 100], new Float32Array(10000).fill(1));
    const y = built(0.5).forward(x, true).data;
    expect(y.reduce((s, v) => s + v, 0) / y.length).toBeCloseTo(1, 1);
  });

  it('backward multiplies dy by the same mask as the forward', () => {
    const d = built(0.4);
    const x = randomTensor([3, 100], new Rng(2));
    const y = d.forward(x, true).data.slice();
    const dy = randomTensor([3, 100], new Rng(3));
    const dx = d.backward(dy)!.data;
    for (let i = 0; i < y.length; i++) expect(dx[i]).toBeCloseTo((dy.data[i]! * y[i]!) / x.data[i]!, 4);
    expect(dx.filter((v) => v === 0).length).toBe(y.filter((v) => v === 0).length);
  });

  it('draws the same masks from the same seed and different ones from another', () => {
    const x = new Tensor([2, 100], new Float32Array(200).fill(1));
    const a = built(0.5, 9).forward(x, true).data.slice();
    expect(built(0.5, 9).forward(x, true).data).toEqual(a);
    expect(built(0.5, 10).forward(x, true).data).not.toEqual(a);
  });

  it('rejects a rate outside [0, 1)', () => {
    expect(() => new Dropout({ type: 'dropout', rate: 1 }, 'layers[4]')).toThrow(new ConfigError('layers[4].rate', 'must be a number in [0, 1), got 1'));
    expect(() => new Dropout({ type: 'dropout', rate: -0.1 })).toThrow(ConfigError);
  });
});

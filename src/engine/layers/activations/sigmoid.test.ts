import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { gradcheckLayer, randomTensor, testContext } from '../../testing/gradcheck';
import { Tensor } from '../../tensor';
import { Sigmoid } from './sigmoid';

function built(n: number): Sigmoid {
  const s = new Sigmoid();
  s.build([n], testContext());
  return s;
}

describe('Sigmoid', () => {
  it('matches 1/(1 + e^−x) at hand-computed points', () => {
    const y = built(5).forward(new Tensor([1, 5], Float32Array.of(-2, -0.5, 0, 0.5, 2)), false).data;
    const want = [0.119202922, 0.3775406688, 0.5, 0.6224593312, 0.880797078];
    want.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 7));
  });

  it('stays finite and saturates to 0 and 1 for huge |x|, with zero gradient there', () => {
    const s = built(4);
    const y = s.forward(new Tensor([1, 4], Float32Array.of(-1000, -80, 80, 1000)), true).data;
    expect(Array.from(y)).toEqual([0, Math.fround(1 / (1 + Math.exp(80))), 1, 1]);
    const dx = s.backward(new Tensor([1, 4], new Float32Array(4).fill(1)))!.data;
    expect(dx.every((v) => Number.isFinite(v) && Math.abs(v) < 1e-30)).toBe(true);
  });

  it('passes the gradient check', () => {
    const report = gradcheckLayer(built(10), randomTensor([3, 10], new Rng(53), 4));
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(30);
  });
});

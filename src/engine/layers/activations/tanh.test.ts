import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { gradcheckLayer, randomTensor, testContext } from '../../testing/gradcheck';
import { Tensor } from '../../tensor';
import { Tanh } from './tanh';

function built(n: number): Tanh {
  const t = new Tanh({ type: 'tanh' });
  t.build([n], testContext());
  return t;
}

describe('Tanh', () => {
  it('matches tanh at hand-computed points and saturates without NaN', () => {
    const y = built(7).forward(new Tensor([1, 7], Float32Array.of(-2, -0.5, 0, 0.5, 2, -1000, 1000)), false).data;
    const want = [-0.9640275801, -0.4621171573, 0, 0.4621171573, 0.9640275801, -1, 1];
    want.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 7));
  });

  it('has derivative 1 − tanh² (1 at the origin)', () => {
    const t = built(2);
    t.forward(new Tensor([1, 2], Float32Array.of(0, 0.5)), true);
    const dx = t.backward(new Tensor([1, 2], Float32Array.of(1, 1)))!.data;
    expect(dx[0]).toBe(1);
    expect(dx[1]).toBeCloseTo(1 - 0.4621171573 ** 2, 7);
  });

  it('passes the gradient check', () => {
    const report = gradcheckLayer(built(10), randomTensor([3, 10], new Rng(54), 2));
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(30);
  });
});

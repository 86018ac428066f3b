import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { gradcheckLayer, randomTensor, testContext } from '../../testing/gradcheck';
import { Tensor } from '../../tensor';
import { GELU } from './gelu';

function built(n: number): GELU {
  const g = new GELU();
  g.build([n], testContext());
  return g;
}

describe('GELU (tanh approximation)', () => {
  it('matches ½x(1 + tanh(√(2/π)(x + 0.044715x³))) at hand-computed points', () => {
    const y = built(5).forward(new Tensor([1, 5], Float32Array.of(-2, -0.5, 0, 0.5, 2)), false).data;
    const want = [-0.0454023059, -0.1542859902, 0, 0.3457140098, 1.9545976941];
    want.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 7));
  });

  it('tends to 0 and to x far from the origin, with derivative ½ at 0', () => {
    const g = built(3);
    const y = g.forward(new Tensor([1, 3], Float32Array.of(-30, 0, 30)), true).data;
    expect(Array.from(y)).toEqual([-0, 0, 30]);
    const dx = g.backward(new Tensor([1, 3], Float32Array.of(1, 1, 1)))!.data;
    expect(Array.from(dx)).toEqual([0, 0.5, 1]);
  });

  it('passes the gradient check', () => {
    const report = gradcheckLayer(built(10), randomTensor([3, 10], new Rng(55), 3));
    expect(report.failures).toEqual([]);
    expect(report.checked).toBe(30);
  });
});

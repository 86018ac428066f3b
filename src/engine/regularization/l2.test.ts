import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import type { Param } from '../layers/layer';
import { Rng } from '../random';
import { gradcheckFunction } from '../testing/gradcheck';
import { addL2Grad, l2Penalty } from './l2';

function param(name: string, role: Param['role'], values: number[]): Param {
  return { name, shape: [values.length], value: Float32Array.from(values), grad: new Float32Array(values.length), role };
}

describe('l2Penalty / addL2Grad', () => {
  const params = () => [param('w1', 'weight', [1, -2, 0.5]), param('b1', 'bias', [10, 10]), param('w2', 'weight', [3])];

  it('penalises λ·Σw² over weights only', () => {
    // (1 + 4 + 0.25 + 9) · 0.1, biases ignored
    expect(l2Penalty(params(), 0.1)).toBeCloseTo(1.425, 12);
    expect(l2Penalty(params(), 0)).toBe(0);
  });

  it('adds 2λw to weight grads and leaves bias grads alone', () => {
    const ps = params();
    ps[0]!.grad.set([1, 1, 1]);
    addL2Grad(ps, 0.5);
    expect(Array.from(ps[0]!.grad)).toEqual([2, -1, 1.5]);
    expect(Array.from(ps[1]!.grad)).toEqual([0, 0]);
    expect(Array.from(ps[2]!.grad)).toEqual([3]);
  });

  it('passes the gradient check', () => {
    const rng = new Rng(71);
    const ps = [
      param(
        'w',
        'weight',
        Array.from({ length: 12 }, () => rng.normal()),
      ),
      param('b', 'bias', [0.3, -0.7]),
    ];
    addL2Grad(ps, 0.01);
    const r = gradcheckFunction(
      () => l2Penalty(ps, 0.01),
      ps.map((p) => ({ name: p.name, values: p.value, grad: p.grad.slice() })),
      { atol: 1e-5 },
    );
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(14);
  });

  it('rejects a negative or non-finite λ', () => {
    expect(() => l2Penalty(params(), -1)).toThrow(new ConfigError('l2', 'must be a finite number ≥ 0, got -1'));
    expect(() => addL2Grad(params(), Number.NaN)).toThrow(ConfigError);
  });
});

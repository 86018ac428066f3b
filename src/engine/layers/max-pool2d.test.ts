import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError } from '../errors';
import { Rng } from '../random';
import { gradcheckLayer, testContext } from '../testing/gradcheck';
import { Tensor, type Shape } from '../tensor';
import { MaxPool2d } from './max-pool2d';

function built(size: number, input: Shape, stride?: number, needsInputGrad = true) {
  const pool = new MaxPool2d({ type: 'maxpool2d', size, stride });
  const out = pool.build(input, testContext({ needsInputGrad }));
  return { pool, out };
}

/** Distinct values 0.05 apart (more than 2·eps), so no perturbation changes a window's maximum. */
function distinct(shape: Shape, seed: number): Tensor {
  const t = new Tensor(shape);
  const order = Uint32Array.from({ length: t.size }, (_, i) => i);
  new Rng(seed).shuffle(order);
  for (let i = 0; i < t.size; i++) t.data[i] = (order[i]! - t.size / 2) * 0.05;
  return t;
}

const X = new Tensor([1, 1, 4, 4], Float32Array.of(1, 5, 2, 0, 3, 4, 8, 1, 0, 2, 7, 9, 6, 1, 3, 3));

describe('MaxPool2d', () => {
  it('takes the maximum of each 2×2 window (stride defaults to the size)', () => {
    const { pool, out } = built(2, [1, 4, 4]);
    expect(out).toEqual([1, 2, 2]);
    expect(Array.from(pool.forward(X, false).data)).toEqual([5, 8, 6, 9]);
  });

  it('routes each dy to its window maximum and zero elsewhere', () => {
    const { pool } = built(2, [1, 4, 4]);
    pool.forward(X, true);
    const dx = pool.backward(new Tensor([1, 1, 2, 2], Float32Array.of(1, 2, 3, 4)))!;
    expect(Array.from(dx.data)).toEqual([0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 4, 3, 0, 0, 0]);
  });

  it('gives a tied window gradient to its first maximum only', () => {
    const { pool } = built(2, [1, 2, 2]);
    pool.forward(new Tensor([1, 1, 2, 2], Float32Array.of(7, 7, 7, 7)), true);
    expect(Array.from(pool.backward(new Tensor([1, 1, 1, 1], Float32Array.of(1)))!.data)).toEqual([1, 0, 0, 0]);
  });

  it('passes the gradient check over several channels and samples', () => {
    const { pool } = built(2, [3, 4, 6]);
    const r = gradcheckLayer(pool, distinct([2, 3, 4, 6], 31));
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(144);
  });

  it('passes the gradient check with overlapping windows (size 3, stride 2), odd sides floored', () => {
    const { pool, out } = built(3, [2, 6, 5], 2);
    expect(out).toEqual([2, 2, 2]);
    const r = gradcheckLayer(pool, distinct([2, 2, 6, 5], 32));
    expect(r.failures).toEqual([]);
  });

  it('returns no dx as a first layer', () => {
    const { pool } = built(2, [1, 4, 4], undefined, false);
    pool.forward(X, true);
    expect(pool.backward(new Tensor([1, 1, 2, 2]))).toBeNull();
  });

  it('rejects bad specs and shapes', () => {
    expect(() => new MaxPool2d({ type: 'maxpool2d', size: 0 })).toThrow(ConfigError);
    expect(() => built(5, [1, 4, 4])).toThrow(/window 5 does not fit input \[1, 4, 4\]/);
    expect(() => built(2, [16])).toThrow(ShapeError);
  });
});

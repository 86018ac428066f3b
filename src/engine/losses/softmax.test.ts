import { describe, expect, it } from 'vitest';
import { ShapeError } from '../errors';
import { Tensor } from '../tensor';
import { softmax } from './softmax';

describe('softmax', () => {
  it('matches hand-computed probabilities, row by row', () => {
    const p = softmax(new Tensor([2, 3], Float32Array.of(1, 2, 3, 0, 0, 0))).data;
    [0.0900305732, 0.2447284711, 0.6652409558, 1 / 3, 1 / 3, 1 / 3].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 7));
  });

  it('is stable for huge logits (max subtraction) and writes into `out`', () => {
    const out = new Tensor([1, 3]);
    const p = softmax(new Tensor([1, 3], Float32Array.of(1000, 1000, -1000)), out);
    expect(p).toBe(out);
    expect(Array.from(p.data)).toEqual([0.5, 0.5, 0]);
  });

  it('rejects a non-matrix and a wrong-sized output', () => {
    expect(() => softmax(new Tensor([3]))).toThrow(ShapeError);
    expect(() => softmax(new Tensor([2, 3]), new Tensor([3, 2]))).toThrow(/softmax: out must have shape \[2, 3\]/);
  });
});

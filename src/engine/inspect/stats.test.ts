// valueStats and l2Norm with literal numbers.
import { describe, expect, it } from 'vitest';
import { l2Norm, valueStats } from './stats';

describe('valueStats', () => {
  it('computes range, mean, std, norm and sign balance', () => {
    const s = valueStats(Float32Array.from([3, -4, 0, 1]));
    expect(s.count).toBe(4);
    expect([s.min, s.max, s.mean]).toEqual([-4, 3, 0]);
    expect(s.std).toBeCloseTo(Math.sqrt(26 / 4), 12);
    expect(s.l2).toBeCloseTo(Math.sqrt(26), 12);
    expect(s.positiveShare).toBe(0.5);
    expect(s.zeros).toBe(1);
    expect(s.nonFinite).toBe(0);
  });

  it('keeps its precision when the mean dwarfs the spread', () => {
    const s = valueStats([1e8 + 1, 1e8 - 1]);
    expect(s.std).toBe(1);
  });

  it('leaves non-finite values out and counts them', () => {
    const s = valueStats([Number.NaN, 2, Infinity, 4]);
    expect([s.count, s.mean, s.min, s.max, s.nonFinite]).toEqual([2, 3, 2, 4, 2]);
  });

  it('gives zeros for empty input', () => {
    expect(valueStats([])).toEqual({ count: 0, min: 0, max: 0, mean: 0, std: 0, l2: 0, positiveShare: 0, zeros: 0, nonFinite: 0 });
  });
});

describe('l2Norm', () => {
  it('is √Σv²', () => {
    expect(l2Norm(Float32Array.from([3, 4]))).toBe(5);
    expect(l2Norm([])).toBe(0);
  });
});

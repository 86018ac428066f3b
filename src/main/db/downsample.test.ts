// Tests for min/max downsampling: short series whole, long ones bounded, with first, last and extremes kept.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../engine/random';
import { downsampleMinMax } from './downsample';

describe('downsampleMinMax', () => {
  it('returns a short series whole', () => {
    expect(downsampleMinMax([3, 1, 2], 3)).toEqual([0, 1, 2]);
    expect(downsampleMinMax([], 10)).toEqual([]);
  });

  it('keeps each bucket’s min and max in order, plus the ends', () => {
    // 10 points, 6 allowed: ends + 2 buckets of 4 inner points each (indices 1–4 and 5–8).
    const values = [5, 1, 9, 2, 3, 4, 0, 8, 6, 7];
    expect(downsampleMinMax(values, 6)).toEqual([0, 1, 2, 6, 7, 9]);
  });

  it('bounds the size and keeps the first, last and global extremes of a long noisy series', () => {
    const rng = new Rng(3);
    const n = 100_000;
    const values = Array.from({ length: n }, (_, i) => Math.exp(-i / 20_000) + 0.1 * rng.normal());
    values[54_321] = 42; // a spike
    values[77_777] = -42;
    for (const maxPoints of [2, 3, 100, 1001]) {
      const kept = downsampleMinMax(values, maxPoints);
      expect(kept.length).toBeLessThanOrEqual(maxPoints);
      expect(kept[0]).toBe(0);
      expect(kept.at(-1)).toBe(n - 1);
      for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
      if (maxPoints >= 4) expect(kept).toEqual(expect.arrayContaining([54_321, 77_777]));
    }
    expect(downsampleMinMax(values, 1001).length).toBe(1000);
  });

  it('never picks NaN as an extreme but keeps ±Infinity', () => {
    const values = [0, NaN, 1, NaN, Infinity, NaN, NaN, NaN, -Infinity, 2, 0];
    // Buckets: indices 1–4 and 5–9.
    const kept = downsampleMinMax(values, 6);
    expect(kept).toEqual([0, 2, 4, 8, 9, 10]);
    expect(kept.map((i) => values[i])).toEqual([0, 1, Infinity, -Infinity, 2, 0]);
  });

  it('keeps the first point of an all-NaN bucket', () => {
    expect(downsampleMinMax([1, NaN, NaN, NaN, NaN, 2], 4)).toEqual([0, 1, 5]);
  });

  it('rejects fewer than two points', () => {
    expect(() => downsampleMinMax([1, 2, 3], 1)).toThrow(/maxPoints must be an integer >= 2, got 1/);
    expect(() => downsampleMinMax([1, 2, 3], 2.5)).toThrow(RangeError);
  });
});

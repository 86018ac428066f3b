import { describe, expect, it } from 'vitest';
import { batchShare, sumRange } from './shares';

describe('batchShare and sumRange', () => {
  it('split a batch into contiguous shares that cover it once', () => {
    expect([0, 1].map((r) => batchShare(128, 2, r))).toEqual([
      [0, 64],
      [64, 128],
    ]);
    expect([0, 1, 2].map((r) => batchShare(7, 3, r))).toEqual([
      [0, 2],
      [2, 4],
      [4, 7],
    ]);
    expect(batchShare(1, 2, 0)).toEqual([0, 0]);
  });

  it('cut gradients on 16-value boundaries, small ones going to one replica', () => {
    expect([0, 1].map((r) => sumRange(100_480, 2, r))).toEqual([
      [0, 50_240],
      [50_240, 100_480],
    ]);
    expect([0, 1].map((r) => sumRange(10, 2, r))).toEqual([
      [0, 0],
      [0, 10],
    ]);
    for (const [length, replicas] of [
      [1000, 3],
      [33, 4],
      [750, 2],
    ] as const) {
      const ranges = Array.from({ length: replicas }, (_, r) => sumRange(length, replicas, r));
      expect(ranges[0]![0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(length);
      ranges.forEach(([start, end], r) => {
        expect(end).toBeGreaterThanOrEqual(start);
        if (r > 0) expect(start).toBe(ranges[r - 1]![1]);
        if (start < length && r > 0) expect(start % 16).toBe(0);
      });
    }
  });
});

import { describe, expect, it } from 'vitest';
import { smoothEma, windowWeight } from './ema';

describe('smoothEma', () => {
  it('returns the raw values at weight 0', () => {
    expect(smoothEma([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });

  it('is debiased: the first point equals the first value', () => {
    const s = smoothEma([5, 5, 5], 0.9);
    expect(s[0]).toBeCloseTo(5, 12);
    expect(s[2]).toBeCloseTo(5, 12);
  });

  it('matches a hand-computed average', () => {
    // w = 0.5: last = 0.5·1 = 0.5 → 0.5/0.5 = 1; last = 0.25 + 1.5 = 1.75 → 1.75/0.75 = 2.333…
    const s = smoothEma([1, 3], 0.5);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(7 / 3, 12);
  });

  it('keeps nulls as gaps without letting them into the average', () => {
    const s = smoothEma([1, null, 3], 0.5);
    expect(s[1]).toBeNull();
    expect(s[2]).toBeCloseTo(7 / 3, 12);
  });

  it('averages over a window of n steps with weight 1 − 1/n (one step: the raw values)', () => {
    expect(windowWeight(10)).toBeCloseTo(0.9, 12);
    expect(windowWeight(1)).toBe(0);
    expect(windowWeight(0)).toBe(0);
    expect(smoothEma([3, NaN, 2], windowWeight(1))).toEqual([3, null, 2]);
  });

  it('refuses a weight of 1 or more', () => {
    expect(() => smoothEma([1], 1)).toThrow(/\[0, 1\)/);
  });
});

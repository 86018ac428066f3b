import { describe, expect, it } from 'vitest';
import { epsilonSquared, importanceOf, spearman } from './param-importance';

describe('epsilonSquared', () => {
  it('is 1 when groups explain everything, about 0 when they explain nothing', () => {
    expect(
      epsilonSquared([
        [1, 1, 1],
        [2, 2, 2],
      ]),
    ).toBe(1);
    // Same spread in both groups, equal means: nothing explained, and the correction keeps it at 0.
    expect(
      epsilonSquared([
        [1, 2, 3],
        [1, 2, 3],
      ]),
    ).toBe(0);
    expect(epsilonSquared([[5]])).toBe(0);
  });

  it('matches a hand computation', () => {
    // Groups [1, 2, 3] and [4, 5, 6]: total SS 17.5, between 13.5, within MS (17.5 − 13.5) / 4 = 1 → (13.5 − 1) / 17.5.
    expect(
      epsilonSquared([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toBeCloseTo(12.5 / 17.5, 12);
  });
});

describe('spearman', () => {
  it('ranks, ties shared', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});

describe('importanceOf', () => {
  // Three seeds per optimizer: Adam clearly better; the seed does nothing.
  const metric = [0.97, 0.975, 0.972, 0.95, 0.951, 0.949];
  it('finds the parameter that matters and not the one that does not', () => {
    const optimizer = importanceOf(['adam', 'adam', 'adam', 'sgd', 'sgd', 'sgd'], metric);
    const seed = importanceOf([1, 2, 3, 1, 2, 3], metric);
    expect(optimizer.importance).toBeGreaterThan(0.9);
    expect(optimizer.correlation).toBeNull();
    expect(seed.importance).toBe(0);
    expect(seed.n).toBe(6);
  });

  it('bins many-valued numbers, gives their rank correlation and skips runs without a value', () => {
    const lr = [0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, null];
    const acc = [0.9, 0.91, 0.93, 0.94, 0.95, 0.96, 0.97, 0.5];
    const r = importanceOf(lr, acc);
    expect(r.n).toBe(7);
    expect(r.correlation).toBeCloseTo(1, 12);
    expect(r.importance).toBeGreaterThan(0.8);
  });
});

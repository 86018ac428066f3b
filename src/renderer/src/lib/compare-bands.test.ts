import { describe, expect, it } from 'vitest';
import { resolveColumn, type RunColumn } from '../../../shared/run-columns';
import { makeRun } from '../testing/make-run';
import { groupRuns, meanStdBand, valueAt } from './compare-bands';

describe('meanStdBand', () => {
  it('averages curves that share their x, with the sample standard deviation', () => {
    const band = meanStdBand([
      { x: [1, 2], y: [0.9, 0.95] },
      { x: [1, 2], y: [0.92, 0.97] },
      { x: [1, 2], y: [0.94, 0.96] },
    ])!;
    expect(band.x).toEqual([1, 2]);
    expect(band.mean[0]).toBeCloseTo(0.92, 12);
    // Deviations -0.02, 0, 0.02: variance 0.0008 / 2.
    expect(band.upper[0]! - band.mean[0]!).toBeCloseTo(0.02, 12);
    expect(band.lower[1]).toBeCloseTo(0.96 - 0.01, 12);
    expect(band.n).toBe(3);
  });

  it('interpolates curves sampled at different steps over the span they all cover', () => {
    const band = meanStdBand(
      [
        { x: [0, 10], y: [0, 10] },
        { x: [2, 6, 8], y: [4, 8, 10] },
      ],
      4,
    )!;
    expect(band.x).toEqual([2, 4, 6, 8]);
    expect(band.mean).toEqual([3, 5, 7, 9]);
  });

  it('gives a group of one no spread, and nothing for curves that never overlap', () => {
    expect(meanStdBand([{ x: [1, 2], y: [1, 2] }])).toMatchObject({ lower: [1, 2], upper: [1, 2], n: 1 });
    expect(
      meanStdBand([
        { x: [0, 1], y: [1, 1] },
        { x: [2, 3], y: [1, 1] },
      ]),
    ).toBeNull();
    expect(meanStdBand([])).toBeNull();
  });

  it('reads a curve between its points and not across a gap', () => {
    expect(valueAt({ x: [0, 2], y: [1, 3] }, 1)).toBe(2);
    expect(valueAt({ x: [0, 2], y: [1, null] }, 1)).toBeNull();
    expect(valueAt({ x: [0, 2], y: [1, 3] }, 3)).toBeNull();
  });
});

describe('groupRuns', () => {
  it('groups by a config value in first-seen order', () => {
    const runs = [1, 2, 3, 4].map((id) => makeRun(id, { configOverrides: { optimizer: id % 2 ? { type: 'adam' } : { type: 'sgd' }, seed: id } }));
    const column = resolveColumn('optimizer.type', runs) as RunColumn;
    expect(groupRuns(runs, column, 0).map((g) => [g.label, g.runs.map((r) => r.id)])).toEqual([
      ['optimizer = adam', [1, 3]],
      ['optimizer = sgd', [2, 4]],
    ]);
  });
});

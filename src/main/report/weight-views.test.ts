// Weight views: hand-computed pooling, statistics, dead units, and which pictures a weight becomes.
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../../shared/base64';
import { pooledMatrix, weightImageGrid } from './weight-views';

describe('pooledMatrix', () => {
  it('returns a small weight whole, with its zero rows as dead units', () => {
    const m = pooledMatrix({ param: 'w', shape: [3, 2], values: Float32Array.from([1, 2, 0, 0, -1, 3]) }, 100);
    expect(m).toMatchObject({ rows: 3, cols: 2, values: [1, 2, 0, 0, -1, 3], deadUnits: [1] });
    expect(m.stats.count).toBe(6);
    expect(m.stats.mean).toBeCloseTo(5 / 6, 6);
  });

  it('averages f×f blocks with the smallest f that fits maxCells', () => {
    // 4×4 → at most 4 cells: 2×2 blocks.
    const values = Float32Array.from({ length: 16 }, (_, i) => i);
    const m = pooledMatrix({ param: 'w', shape: [4, 4], values }, 4);
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(2);
    expect(m.values).toEqual([(0 + 1 + 4 + 5) / 4, (2 + 3 + 6 + 7) / 4, (8 + 9 + 12 + 13) / 4, (10 + 11 + 14 + 15) / 4]);
  });

  it('pools a ragged edge over the cells it has, and reads conv weights as [F, C·kh·kw]', () => {
    const m = pooledMatrix({ param: 'c', shape: [2, 1, 1, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) }, 2);
    expect([m.rows, m.cols]).toEqual([1, 2]);
    expect(m.values).toEqual([(1 + 2 + 4 + 5) / 4, (3 + 6) / 2]);
  });
});

describe('weightImageGrid', () => {
  const input = [1, 28, 28] as const;

  it('draws a first-layer Linear as 28×28 pictures, at most maxImages', () => {
    const g = weightImageGrid({ param: 'layers.1.weight', shape: [5, 784], values: new Float32Array(5 * 784).fill(0.5) }, input, {
      normalize: 'global',
      maxImages: 3,
    })!;
    expect(g).toMatchObject({ kind: 'linear', count: 3, height: 28, width: 28 });
    expect(decodeBase64(g.pixels)).toHaveLength(3 * 784);
  });

  it('draws a hidden Linear as one strip per unit and conv kernels as kh×kw pictures', () => {
    expect(weightImageGrid({ param: 'w', shape: [4, 16], values: new Float32Array(64) }, input, { normalize: 'per-image', maxImages: 10 })).toMatchObject({
      count: 4,
      height: 1,
      width: 16,
    });
    expect(weightImageGrid({ param: 'k', shape: [6, 1, 5, 5], values: new Float32Array(150) }, input, { normalize: 'per-image', maxImages: 4 })).toMatchObject({
      kind: 'conv',
      count: 4,
      height: 5,
      width: 5,
    });
  });

  it('gives null for a bias', () => {
    expect(weightImageGrid({ param: 'b', shape: [10], values: new Float32Array(10) }, input, { normalize: 'per-image', maxImages: 4 })).toBeNull();
  });
});

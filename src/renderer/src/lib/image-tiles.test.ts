import { describe, expect, it } from 'vitest';
import { MAX_TILE, tileLayout } from './image-tiles';

describe('tileLayout', () => {
  it('fills a wide card: 128 units of 28×28 in rows of 16, each ~100 px at 1650 px', () => {
    const { columns, scale } = tileLayout(128, 28, 1650, 16, 3);
    expect(columns).toBe(16);
    expect(Math.round(28 * scale)).toBe(100);
  });

  it('stops at the largest tile that still reads as one picture, and at the smallest', () => {
    expect(28 * tileLayout(8, 28, 1650, 16, 3).scale).toBe(MAX_TILE);
    expect(tileLayout(128, 28, 200, 16, 3).scale).toBe(1);
    expect(5 * tileLayout(30, 5, 600, 10, 3).scale).toBe(57);
  });
});

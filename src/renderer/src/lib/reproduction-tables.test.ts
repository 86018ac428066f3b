// The gap between a reproduction's grid table and the report's.
import { describe, expect, it } from 'vitest';
import { largestGap } from './reproduction-tables';

const ROWS = [
  { cell: 'lr 0.0001 · [128, 64] · L2 0.001', report: 0.1149, reportSetup: 0.1135, modern: 0.6699 },
  { cell: 'lr 0.01 · [128, 64] · L2 0.001', report: 0.9718, reportSetup: 0.9705, modern: 0.9528 },
  { cell: 'lr 0.05 · [64, 64] · L2 0.01', report: null, reportSetup: 0.92, modern: null },
];

describe('largestGap', () => {
  it('is the largest distance to the report in points, over the cells both have', () => {
    const rows = ROWS;
    expect(largestGap(rows, 'reportSetup')).toBeCloseTo(0.14, 10);
    expect(largestGap(rows, 'modern')).toBeCloseTo(55.5, 10);
    expect(largestGap([], 'modern')).toBeNull();
  });
});

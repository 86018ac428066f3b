// Dead units over a batch and all-zero weight rows/columns.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../tensor';
import { countDeadUnits, deadUnitMask, zeroWeightLines } from './dead-units';

describe('deadUnitMask', () => {
  it('marks units that are ≤ 0 for every sample of [N, units]', () => {
    // unit 0 fires once, unit 1 never (0 and negative), unit 2 always, unit 3 never
    const act = new Tensor([3, 4], Float32Array.from([0, 0, 1, -1, 0.5, -2, 1, 0, 0, -1, 1, -3]));
    expect(Array.from(deadUnitMask(act))).toEqual([0, 1, 0, 1]);
    expect(countDeadUnits(act)).toBe(2);
  });

  it('treats every element after N as a unit for [N, C, H, W] by default', () => {
    const act = new Tensor([2, 2, 1, 2], Float32Array.from([1, 0, 0, 0, 0, 0, 0, 2]));
    expect(Array.from(deadUnitMask(act))).toEqual([0, 1, 1, 0]);
  });

  it('groups by channel when asked', () => {
    // channel 0: [1, 0] then [0, 0] → alive; channel 1: [0, 0] then [0, 2] → alive; add a dead channel 2
    const act = new Tensor([2, 3, 1, 2], Float32Array.from([1, 0, 0, 0, -1, 0, 0, 0, 0, 2, 0, -5]));
    expect(Array.from(deadUnitMask(act, 'channel'))).toEqual([0, 0, 1]);
    expect(countDeadUnits(act, 'channel')).toBe(1);
  });

  it('counts every unit as dead for an empty batch', () => {
    expect(countDeadUnits(new Tensor([0, 5]))).toBe(5);
  });

  it('rejects shapes it cannot read', () => {
    expect(() => deadUnitMask(new Tensor([4]))).toThrow(/activations must be \[N, \.\.\.units\], got \[4\]/);
    expect(() => deadUnitMask(new Tensor([2, 3]), 'channel')).toThrow(/channel grouping needs \[N, C, H, W\], got \[2, 3\]/);
  });
});

describe('zeroWeightLines', () => {
  // [out 3, in 4]: row 1 all zero; column 2 all zero; column 3 zero except row 2
  const w = Float32Array.from([1, 2, 0, 0, 0, 0, 0, 0, 3, -1, 0, 1e-4]);

  it('finds all-zero rows (dead outputs) and columns (ignored inputs)', () => {
    const z = zeroWeightLines(w, [3, 4]);
    expect(Array.from(z.rows)).toEqual([0, 1, 0]);
    expect(Array.from(z.cols)).toEqual([0, 0, 1, 0]);
    expect([z.zeroRows, z.zeroCols]).toEqual([1, 1]);
  });

  it('counts near-zero weights as zero within tol', () => {
    const z = zeroWeightLines(w, [3, 4], 1e-3);
    expect(Array.from(z.cols)).toEqual([0, 0, 1, 1]);
    expect(z.zeroCols).toBe(2);
  });

  it('reads a conv weight [F, C, kh, kw] as [F, C·kh·kw]', () => {
    const z = zeroWeightLines(new Float32Array(2 * 1 * 2 * 2).fill(1), [2, 1, 2, 2]);
    expect([z.rows.length, z.cols.length, z.zeroRows, z.zeroCols]).toEqual([2, 4, 0, 0]);
  });

  it('rejects a shape that does not fit the data', () => {
    expect(() => zeroWeightLines(w, [4, 4])).toThrow(/shape \[4, 4\] needs 16 values, got 12/);
  });
});

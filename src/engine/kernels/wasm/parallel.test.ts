// splitGemm: bands that tile C exactly, on micro-tile boundaries, with operand offsets that match each layout.
import { describe, expect, it } from 'vitest';
import { type GemmPart, splitGemm } from './parallel';

// [transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta]
const job = (transA: number, transB: number, m: number, n: number, k: number): GemmPart => [transA, transB, m, n, k, 1000, transA ? m : k, 50000, transB ? k : n, 900000, n, 1];

describe('splitGemm', () => {
  it('splits rows when C is tall, moving A and C down by whole rows', () => {
    const parts = splitGemm(job(0, 1, 128, 10, 64), 2);
    expect(parts.map((p) => p[2])).toEqual([64, 64]);
    expect(parts[1]).toEqual([0, 1, 64, 10, 64, 1000 + 64 * 64 * 4, 64, 50000, 64, 900000 + 64 * 10 * 4, 10, 1]);
  });

  it('moves a transposed A by columns instead of rows', () => {
    const parts = splitGemm(job(1, 0, 30, 25, 576), 2);
    expect(parts.map((p) => p[2])).toEqual([16, 14]);
    expect(parts[1]![5]).toBe(1000 + 16 * 4);
  });

  it('splits columns when C is wide, in multiples of 16, moving B by its layout', () => {
    const plain = splitGemm(job(0, 0, 128, 784, 128), 2);
    expect(plain.map((p) => p[3])).toEqual([400, 384]);
    expect(plain[1]![7]).toBe(50000 + 400 * 4);
    expect(plain[1]![9]).toBe(900000 + 400 * 4);
    const transB = splitGemm(job(0, 1, 30, 576, 25), 3);
    expect(transB.map((p) => p[3])).toEqual([192, 192, 192]);
    expect(transB[2]![7]).toBe(50000 + 384 * 25 * 4);
  });

  it('keeps small matrices in one piece and never makes empty parts', () => {
    expect(splitGemm(job(0, 0, 3, 2, 100), 2)).toHaveLength(1);
    const parts = splitGemm(job(0, 0, 8, 2, 5), 4);
    expect(parts.map((p) => p[2])).toEqual([4, 4]);
  });
});

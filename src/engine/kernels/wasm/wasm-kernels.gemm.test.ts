// The wasm GEMM against the reference: every transpose, beta 0/1, edge sizes, odd views, foreign views.
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../../errors';
import { Rng } from '../../random';
import { fillUniform, maxAbsDiff, readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { gemmReference } from '../reference/gemm';
import { createWasmKernels, type WasmKernels } from './index';

// Sizes around the micro-tile (4×8), the k-block (384), the m-block (144) and the n-block (1024).
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [1, 3, 5],
  [3, 1, 17],
  [5, 17, 3],
  [4, 8, 4],
  [7, 9, 13],
  [17, 31, 33],
  [33, 17, 1],
  [12, 16, 8],
  [150, 9, 800],
  [5, 1030, 3],
  [2, 5, 1000],
  [128, 10, 64],
];
const transposes: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

/** NOTE: the wasm kernel sums in float32 in blocked order (relaxed: maybe fused), the reference in float64. */
const tolerance = (k: number) => 1e-5 + 1e-6 * k;

describe.each(runnableVariants())('wasm gemm (%s)', (variant) => {
  let kernels: WasmKernels;
  beforeAll(async () => {
    kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
  });

  it('is named after the module it runs', () => {
    expect(kernels.name).toBe(variant === 'relaxed' ? 'wasm-relaxed-simd' : 'wasm-simd');
  });

  for (const [transA, transB] of transposes) {
    for (const beta of [0, 1] as const) {
      it(`matches the reference for transA=${transA} transB=${transB} beta=${beta}`, () => {
        const rng = new Rng(1 + (transA ? 2 : 0) + (transB ? 4 : 0) + beta * 8);
        for (const [m, n, k] of shapes) {
          const a = fillUniform(kernels.alloc(m * k), () => rng.uniform());
          const b = fillUniform(kernels.alloc(k * n), () => rng.uniform());
          const c = fillUniform(kernels.alloc(m * n), () => rng.uniform());
          const expected = Float32Array.from(c);
          gemmReference(transA, transB, m, n, k, a, b, expected, beta);
          kernels.gemm(transA, transB, m, n, k, a, b, c, beta);
          expect(maxAbsDiff(c, expected), `m=${m} n=${n} k=${k}`).toBeLessThan(tolerance(k));
          for (const buf of [a, b, c]) kernels.free(buf);
        }
      });
    }
  }

  it('works on subarray views at odd offsets, in and out of wasm memory, leaving neighbours alone', () => {
    const rng = new Rng(42);
    const [m, n, k] = [13, 11, 21];
    for (const inWasm of [true, false]) {
      const make = (len: number) => (inWasm ? kernels.alloc(len + 10) : new Float32Array(len + 10));
      const a = fillUniform(make(m * k), () => rng.uniform()).subarray(3, 3 + m * k);
      const b = fillUniform(make(k * n), () => rng.uniform()).subarray(1);
      const cBase = fillUniform(make(m * n), () => rng.uniform());
      const c = cBase.subarray(5, 5 + m * n);
      const before = Float32Array.from(cBase);
      const expected = Float32Array.from(c);
      gemmReference(false, true, m, n, k, a, b, expected, 1);
      kernels.gemm(false, true, m, n, k, a, b, c, 1);
      expect(maxAbsDiff(c, expected)).toBeLessThan(tolerance(k));
      expect(Array.from(cBase.subarray(0, 5))).toEqual(Array.from(before.subarray(0, 5)));
      expect(Array.from(cBase.subarray(5 + m * n))).toEqual(Array.from(before.subarray(5 + m * n)));
    }
  });

  it('mixes wasm and plain arrays in one call', () => {
    const rng = new Rng(7);
    const [m, n, k] = [9, 19, 30];
    const a = fillUniform(new Float32Array(k * m), () => rng.uniform());
    const b = fillUniform(kernels.alloc(k * n), () => rng.uniform());
    const c = new Float32Array(m * n);
    const expected = new Float32Array(m * n);
    gemmReference(true, false, m, n, k, a, b, expected, 0);
    kernels.gemm(true, false, m, n, k, a, b, c, 0);
    expect(maxAbsDiff(c, expected)).toBeLessThan(tolerance(k));
  });

  it('treats k = 0 as C = beta·C and m = 0 or n = 0 as nothing to do', () => {
    const c = kernels.alloc(6).fill(2);
    kernels.gemm(false, false, 2, 3, 0, new Float32Array(0), new Float32Array(0), c, 1);
    expect(Array.from(c)).toEqual([2, 2, 2, 2, 2, 2]);
    kernels.gemm(false, false, 2, 3, 0, new Float32Array(0), new Float32Array(0), c, 0);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
    kernels.gemm(false, false, 0, 3, 4, new Float32Array(0), new Float32Array(12), new Float32Array(0), 0);
  });

  it('throws a ShapeError naming the operand that is too short', () => {
    const call = () => kernels.gemm(false, false, 2, 3, 4, new Float32Array(8), new Float32Array(11), new Float32Array(6), 0);
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(/gemm: B \(\[4, 3\]\) needs 12 values, got 11/);
    expect(() => kernels.gemm(false, false, 2.5, 1, 1, new Float32Array(3), new Float32Array(1), new Float32Array(3), 0)).toThrow(/m must be an integer/);
  });
});

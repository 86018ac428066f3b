// The wasm im2col, col2im and max pooling against the reference, including padding, strides and ties.
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../../errors';
import { Rng } from '../../random';
import { fillUniform, maxAbsDiff, readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { convOutSize } from '../kernels';
import { col2imReference, im2colReference } from '../reference/im2col';
import { maxPoolBackwardReference, maxPoolForwardReference } from '../reference/max-pool';
import { createWasmKernels, type WasmKernels } from './index';

// [c, h, w, kh, kw, stride, pad]
const convCases: number[][] = [
  [1, 28, 28, 5, 5, 1, 0],
  [3, 7, 9, 3, 3, 1, 1],
  [2, 5, 5, 5, 5, 1, 2],
  [2, 9, 8, 3, 2, 2, 1],
  [1, 1, 1, 1, 1, 1, 0],
  [4, 6, 11, 3, 3, 3, 2],
  [1, 17, 5, 4, 1, 2, 0],
  [30, 12, 12, 5, 5, 1, 0],
];
// [planes, h, w, size, stride]
const poolCases: number[][] = [
  [30, 24, 24, 2, 2],
  [3, 9, 17, 2, 2],
  [2, 7, 7, 3, 2],
  [4, 10, 10, 3, 3],
  [1, 5, 5, 2, 1],
  [2, 2, 18, 2, 2],
];

describe.each(runnableVariants())('wasm conv and pool kernels (%s)', (variant) => {
  let kernels: WasmKernels;
  beforeAll(async () => {
    kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
  });

  it.each(convCases)('im2col and col2im match the reference for c=%i h=%i w=%i k=%ix%i stride=%i pad=%i', (c, h, w, kh, kw, stride, pad) => {
    const rng = new Rng(c * 1000 + h * 10 + stride);
    const len = convOutSize(h!, kh!, stride!, pad!) * convOutSize(w!, kw!, stride!, pad!) * c! * kh! * kw!;
    const x = fillUniform(kernels.alloc(c! * h! * w!), () => rng.uniform());
    const cols = kernels.alloc(len).fill(9);
    const expectedCols = new Float32Array(len);
    im2colReference(x, c!, h!, w!, kh!, kw!, stride!, pad!, expectedCols);
    kernels.im2col(x, c!, h!, w!, kh!, kw!, stride!, pad!, cols);
    expect(maxAbsDiff(cols, expectedCols)).toBe(0);

    const dcols = fillUniform(new Float32Array(len), () => rng.uniform());
    const dx = kernels.alloc(c! * h! * w!).fill(9);
    const expectedDx = new Float32Array(c! * h! * w!);
    col2imReference(dcols, c!, h!, w!, kh!, kw!, stride!, pad!, expectedDx);
    kernels.col2im(dcols, c!, h!, w!, kh!, kw!, stride!, pad!, dx);
    expect(maxAbsDiff(dx, expectedDx)).toBeLessThan(1e-5);
  });

  it('im2col writes into a plain array outside wasm memory', () => {
    const x = new Float32Array(2 * 4 * 4).map((_, i) => i);
    const cols = new Float32Array(2 * 9 * 16);
    const expected = new Float32Array(cols.length);
    im2colReference(x, 2, 4, 4, 3, 3, 1, 1, expected);
    kernels.im2col(x, 2, 4, 4, 3, 3, 1, 1, cols);
    expect(Array.from(cols)).toEqual(Array.from(expected));
  });

  it.each(poolCases)('max pooling matches the reference for planes=%i %ix%i size=%i stride=%i', (planes, h, w, size, stride) => {
    const rng = new Rng(planes! * 100 + w!);
    const n = planes! * h! * w!;
    // Coarse values make ties common, so the first-maximum rule is exercised.
    const x = kernels.alloc(n);
    for (let i = 0; i < n; i++) x[i] = Math.floor(rng.uniform() * 4);
    x[1] = -Infinity;
    x[2] = NaN;
    const count = planes! * convOutSize(h!, size!, stride!, 0) * convOutSize(w!, size!, stride!, 0);
    const y = kernels.alloc(count);
    const argmax = kernels.allocInt32(count);
    const yRef = new Float32Array(count);
    const argRef = new Int32Array(count);
    maxPoolForwardReference(x, planes!, h!, w!, size!, stride!, yRef, argRef);
    kernels.maxPoolForward(x, planes!, h!, w!, size!, stride!, y, argmax);
    expect(Array.from(argmax)).toEqual(Array.from(argRef));
    expect(maxAbsDiff(y, yRef)).toBe(0);

    const dy = fillUniform(new Float32Array(count), () => rng.uniform());
    const dx = kernels.alloc(n).fill(5);
    const dxRef = new Float32Array(n);
    maxPoolBackwardReference(dy, argRef, dxRef);
    kernels.maxPoolBackward(dy, argmax, dx);
    expect(maxAbsDiff(dx, dxRef)).toBeLessThan(1e-6);
  });

  it('max pooling works on plain arrays and odd subarray views', () => {
    const x = new Float32Array(1 + 2 * 6 * 6).map((_, i) => Math.sin(i)).subarray(1);
    const y = new Float32Array(2 * 9);
    const argmax = kernels.allocInt32(2 * 9 + 3).subarray(3);
    const yRef = new Float32Array(2 * 9);
    const argRef = new Int32Array(2 * 9);
    maxPoolForwardReference(x, 2, 6, 6, 2, 2, yRef, argRef);
    kernels.maxPoolForward(x, 2, 6, 6, 2, 2, y, argmax);
    expect(Array.from(argmax)).toEqual(Array.from(argRef));
    expect(Array.from(y)).toEqual(Array.from(yRef));
  });

  it('max pooling backward skips argmax entries that point outside dx', () => {
    const dx = new Float32Array(4);
    kernels.maxPoolBackward(new Float32Array([1, 2, 3]), new Int32Array([0, 7, -1]), dx);
    expect(Array.from(dx)).toEqual([1, 0, 0, 0]);
  });

  it('throws ShapeErrors naming the op and the bad size', () => {
    expect(() => kernels.im2col(new Float32Array(8), 1, 3, 3, 3, 3, 1, 0, new Float32Array(9))).toThrow(/im2col: x \(\[1, 3, 3\]\) needs 9 values, got 8/);
    expect(() => kernels.im2col(new Float32Array(4), 1, 2, 2, 3, 3, 1, 0, new Float32Array(9))).toThrow(ShapeError);
    expect(() => kernels.maxPoolForward(new Float32Array(16), 1, 4, 4, 2, 0, new Float32Array(4), new Int32Array(4))).toThrow(/stride must be an integer ≥ 1/);
    expect(() => kernels.maxPoolBackward(new Float32Array(1), new Int32Array(2), new Float32Array(4))).toThrow(/maxPoolBackward: dy/);
  });
});

// The wasm fused kernels (linear and conv with bias/ReLU epilogues and bias gradients, pool+ReLU backward)
// against the reference backend's compositions of primitives.
import { beforeAll, describe, expect, it } from 'vitest';
import { ShapeError } from '../../errors';
import { Rng } from '../../random';
import { fillUniform, maxAbsDiff, readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { convGeometry } from '../kernels';
import { referenceKernels as ref } from '../reference';
import { FUSED_NAMES } from '../registry';
import { createWasmKernels, type WasmKernels } from './index';

// [n, in, out]: around the micro-tile (4×8), the k-block (384) and the n-block (1024).
const linearCases: number[][] = [
  [1, 1, 1],
  [3, 5, 7],
  [128, 784, 128],
  [7, 9, 1030],
  [33, 800, 10],
  [128, 64, 10],
];
// [n, c, h, w, filters, kernel, stride, pad]: the report's conv, padding, strides, rows that split pixel panels.
const convCases: number[][] = [
  [3, 1, 28, 28, 30, 5, 1, 0],
  [2, 3, 7, 9, 5, 3, 1, 1],
  [2, 2, 9, 8, 3, 3, 2, 1],
  [1, 30, 12, 12, 9, 5, 1, 0],
  [2, 1, 5, 5, 1, 5, 1, 2],
  [1, 4, 6, 11, 4, 3, 3, 2],
  [2, 2, 10, 30, 17, 3, 1, 1],
];

/** Float32 sums in another order (blocked, maybe fused multiply-adds): close, not equal. */
const tolerance = (terms: number) => 1e-5 + 2e-6 * terms;

describe.each(runnableVariants())('wasm fused kernels (%s)', (variant) => {
  let kernels: WasmKernels;
  beforeAll(async () => {
    kernels = await createWasmKernels(readKernelWasm(variant), { maximumMiB: 256 });
  });

  it('serves every fused op itself', () => {
    for (const op of FUSED_NAMES) expect(kernels.providers[op]).toBe(kernels.name);
    expect(kernels.providers.maxPoolReluBackward).toBe(kernels.name);
  });

  it.each(linearCases)('linearForward and linearParamGrads match the reference for n=%i in=%i out=%i', (n, inF, outF) => {
    const rng = new Rng(n! * 7 + outF!);
    const u = () => rng.uniform();
    const [x, w, b, dy] = [
      fillUniform(kernels.alloc(n! * inF!), u),
      fillUniform(kernels.alloc(outF! * inF!), u),
      fillUniform(kernels.alloc(outF!), u),
      fillUniform(kernels.alloc(n! * outF!), u),
    ];
    for (const relu of [false, true]) {
      const [y, yRef] = [kernels.alloc(n! * outF!).fill(7), new Float32Array(n! * outF!)];
      kernels.linearForward(n!, inF!, outF!, x, w, b, relu, y);
      ref.linearForward(n!, inF!, outF!, x, w, b, relu, yRef);
      expect(maxAbsDiff(y, yRef)).toBeLessThan(tolerance(inF!));
      if (relu) expect(y.every((v) => v >= 0) && y.some((v) => v > 0)).toBe(true);
    }
    const [dw, db, dwRef, dbRef] = [kernels.alloc(outF! * inF!).fill(3), kernels.alloc(outF!).fill(3), new Float32Array(outF! * inF!), new Float32Array(outF!)];
    kernels.linearParamGrads(n!, inF!, outF!, dy, x, dw, db);
    ref.linearParamGrads(n!, inF!, outF!, dy, x, dwRef, dbRef);
    expect(maxAbsDiff(dw, dwRef)).toBeLessThan(tolerance(n!));
    // The bias gradient is summed in float32 in the reference's order: equal, not merely close.
    expect(Array.from(db)).toEqual(Array.from(dbRef));
  });

  it.each(convCases)(
    'conv2d forward, param grads and input grad match the reference for n=%i c=%i %ix%i f=%i k=%i stride=%i pad=%i',
    (n, c, h, w, f, k, stride, pad) => {
      const g = convGeometry(c!, h!, w!, f!, k!, stride!, pad!);
      const rng = new Rng(n! + c! * 10 + f! * 100 + pad!);
      const u = () => rng.uniform();
      const [inSize, outSize, taps] = [c! * h! * w!, f! * g.oh * g.ow, c! * k! * k!];
      const [x, wt, b, dy] = [
        fillUniform(kernels.alloc(n! * inSize), u),
        fillUniform(kernels.alloc(f! * taps), u),
        fillUniform(kernels.alloc(f!), u),
        fillUniform(kernels.alloc(n! * outSize), u),
      ];
      for (const relu of [false, true]) {
        const [y, yRef] = [kernels.alloc(n! * outSize).fill(7), new Float32Array(n! * outSize)];
        kernels.conv2dForward(g, n!, x, wt, b, relu, y);
        ref.conv2dForward(g, n!, x, wt, b, relu, yRef);
        expect(maxAbsDiff(y, yRef)).toBeLessThan(tolerance(taps));
      }
      const [dw, db, dwRef, dbRef] = [kernels.alloc(f! * taps).fill(3), kernels.alloc(f!).fill(3), new Float32Array(f! * taps), new Float32Array(f!)];
      kernels.conv2dParamGrads(g, n!, x, dy, dw, db);
      ref.conv2dParamGrads(g, n!, x, dy, dwRef, dbRef);
      expect(maxAbsDiff(dw, dwRef)).toBeLessThan(tolerance(n! * g.oh * g.ow));
      expect(Array.from(db)).toEqual(Array.from(dbRef));
      const [dx, dxRef] = [kernels.alloc(n! * inSize).fill(5), new Float32Array(n! * inSize)];
      kernels.conv2dInputGrad(g, n!, dy, wt, dx);
      ref.conv2dInputGrad(g, n!, dy, wt, dxRef);
      expect(maxAbsDiff(dx, dxRef)).toBeLessThan(tolerance(f! * k! * k!));
    },
  );

  it('conv2d works on plain arrays outside wasm memory and a batch of none', () => {
    const g = convGeometry(2, 6, 6, 3, 3, 1, 1);
    const rng = new Rng(5);
    const [x, wt, b] = [
      fillUniform(new Float32Array(2 * 72), () => rng.uniform()),
      fillUniform(new Float32Array(54), () => rng.uniform()),
      new Float32Array([1, 2, 3]),
    ];
    const [y, yRef] = [new Float32Array(2 * 108), new Float32Array(2 * 108)];
    kernels.conv2dForward(g, 2, x, wt, b, true, y);
    ref.conv2dForward(g, 2, x, wt, b, true, yRef);
    expect(maxAbsDiff(y, yRef)).toBeLessThan(1e-5);
    const [dw, db] = [new Float32Array(54).fill(1), new Float32Array(3).fill(1)];
    kernels.conv2dParamGrads(g, 0, x, y, dw, db);
    expect(dw.every((v) => v === 0) && db.every((v) => v === 0)).toBe(true);
  });

  // [n, c, h, w, filters, kernel, pad, pool size, pool stride]: the report's block, odd pooled sizes, overlapping windows.
  // Unpadded ones take the sparse weight gradient (in registers for ≤ 5 rows of 4–8 taps; 63 pixels: a scalar tail), and
  // with 2×2/2 pooling of ≥ 4 windows a row the direct forward (an odd filter count; 6 windows: a last group redone).
  it.each([
    [3, 1, 28, 28, 30, 5, 0, 2, 2],
    [2, 2, 9, 11, 5, 3, 1, 2, 2],
    [2, 3, 8, 8, 4, 3, 0, 3, 2],
    [2, 1, 10, 12, 7, 4, 0, 2, 2],
    [2, 1, 12, 11, 3, 7, 0, 2, 2],
    [2, 2, 17, 15, 5, 3, 0, 2, 2],
  ])('the conv → ReLU → pool block equals its three steps bit for bit (n=%i c=%i %ix%i f=%i k=%i pad=%i pool %i/%i)', (n, c, h, w, f, k, pad, size, stride) => {
    const g = convGeometry(c!, h!, w!, f!, k!, 1, pad!);
    const pool = { size: size!, stride: stride! };
    const [ph, pw] = [Math.floor((g.oh - size!) / stride!) + 1, Math.floor((g.ow - size!) / stride!) + 1];
    const [outSize, pooled, taps] = [f! * g.oh * g.ow, f! * ph * pw, c! * k! * k!];
    const rng = new Rng(n! * 31 + f!);
    const u = () => rng.uniform();
    const [x, wt, b] = [fillUniform(kernels.alloc(n! * c! * h! * w!), u), fillUniform(kernels.alloc(f! * taps), u), fillUniform(kernels.alloc(f!), u)];
    // The three steps: conv with ReLU over the batch, then pooling image by image (argmax per image).
    const out = kernels.alloc(n! * outSize);
    kernels.conv2dForward(g, n!, x, wt, b, true, out);
    const [yRef, argRef] = [kernels.alloc(n! * pooled), kernels.allocInt32(n! * pooled)];
    for (let i = 0; i < n!; i++) {
      kernels.maxPoolForward(
        out.subarray(i * outSize, (i + 1) * outSize),
        f!,
        g.oh,
        g.ow,
        size!,
        stride!,
        yRef.subarray(i * pooled, (i + 1) * pooled),
        argRef.subarray(i * pooled, (i + 1) * pooled),
      );
    }
    const [y, argmax] = [kernels.alloc(n! * pooled).fill(5), kernels.allocInt32(n! * pooled).fill(-1)];
    kernels.conv2dReluPoolForward(g, pool, n!, x, wt, b, y, argmax);
    expect(Array.from(y)).toEqual(Array.from(yRef));
    expect(Array.from(argmax)).toEqual(Array.from(argRef));
    const dy = fillUniform(kernels.alloc(n! * pooled), u);
    const dense = kernels.alloc(n! * outSize);
    for (let i = 0; i < n!; i++) {
      const at = <T extends Float32Array | Int32Array>(a: T) => a.subarray(i * pooled, (i + 1) * pooled) as T;
      ref.maxPoolReluBackward(at(dy), at(argmax), at(y), f!, g.oh, g.ow, size!, stride!, dense.subarray(i * outSize, (i + 1) * outSize));
    }
    const [dwRef, dbRef, dxRef] = [kernels.alloc(f! * taps), kernels.alloc(f!), kernels.alloc(n! * c! * h! * w!)];
    kernels.conv2dParamGrads(g, n!, x, dense, dwRef, dbRef);
    kernels.conv2dInputGrad(g, n!, dense, wt, dxRef);
    const [dw, db, dx] = [kernels.alloc(f! * taps).fill(3), kernels.alloc(f!).fill(3), kernels.alloc(n! * c! * h! * w!).fill(3)];
    kernels.conv2dReluPoolParamGrads(g, pool, n!, x, dy, argmax, y, dw, db);
    kernels.conv2dReluPoolInputGrad(g, pool, n!, dy, argmax, y, wt, dx);
    expect(Array.from(dw)).toEqual(Array.from(dwRef));
    expect(Array.from(db)).toEqual(Array.from(dbRef));
    expect(Array.from(dx)).toEqual(Array.from(dxRef));
    expect(dw.some((v) => v !== 0) && dx.some((v) => v !== 0)).toBe(true);
    // And the reference's composition agrees within float32 rounding.
    const [yc, ac] = [new Float32Array(n! * pooled), new Int32Array(n! * pooled)];
    ref.conv2dReluPoolForward(g, pool, n!, x, wt, b, yc, ac);
    expect(maxAbsDiff(y, yc)).toBeLessThan(tolerance(taps));
  });

  // [planes, h, w, size, stride]: tiling 2×2 windows (odd sizes leave a row and a column out), overlapping ones.
  it.each([
    [6, 8, 8, 2, 2],
    [3, 7, 9, 2, 2],
    [2, 6, 22, 2, 2],
    [2, 7, 7, 3, 2],
    [1, 5, 6, 2, 1],
  ])('maxPoolReluBackward equals ReLU backward after pooling backward, bit for bit (planes=%i %ix%i size=%i stride=%i)', (planes, h, w, size, stride) => {
    const rng = new Rng(11 + w!);
    const x = kernels.alloc(planes! * h! * w!).map(() => Math.floor(rng.uniform() * 5) - 2); // ties and zeros
    const count = planes! * Math.floor((h! - size!) / stride! + 1) * Math.floor((w! - size!) / stride! + 1);
    const [y, argmax, dy] = [kernels.alloc(count), kernels.allocInt32(count), fillUniform(kernels.alloc(count), () => rng.uniform())];
    dy[0] = -0;
    kernels.maxPoolForward(x, planes!, h!, w!, size!, stride!, y, argmax);
    const [pooled, unfused] = [new Float32Array(x.length), new Float32Array(x.length)];
    ref.maxPoolBackward(dy, argmax, pooled);
    ref.reluBackward(x, pooled, unfused);
    const fused = kernels.alloc(x.length).fill(9);
    kernels.maxPoolReluBackward(dy, argmax, y, planes!, h!, w!, size!, stride!, fused);
    expect(Array.from(fused)).toEqual(Array.from(unfused));
    expect(fused.some((v) => v !== 0)).toBe(true);
    const refFused = new Float32Array(x.length).fill(9);
    ref.maxPoolReluBackward(dy, argmax, y, planes!, h!, w!, size!, stride!, refFused);
    expect(Array.from(refFused)).toEqual(Array.from(unfused));
  });

  it('throws ShapeErrors naming the op and the operand', () => {
    const g = convGeometry(1, 4, 4, 2, 3, 1, 0);
    expect(() => kernels.conv2dForward(g, 2, new Float32Array(31), new Float32Array(18), new Float32Array(2), false, new Float32Array(16))).toThrow(
      /conv2dForward: x \(\[2, 1, 4, 4\]\) needs 32 values, got 31/,
    );
    expect(() =>
      kernels.conv2dForward({ ...g, oh: 3 }, 1, new Float32Array(16), new Float32Array(18), new Float32Array(2), false, new Float32Array(8)),
    ).toThrow(ShapeError);
    expect(() => kernels.linearParamGrads(2, 3, 4, new Float32Array(8), new Float32Array(6), new Float32Array(12), new Float32Array(3))).toThrow(
      /linearParamGrads: db \(\[4\]\) needs 4 values, got 3/,
    );
  });
});

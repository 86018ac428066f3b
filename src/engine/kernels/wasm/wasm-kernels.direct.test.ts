// The wasm conv → ReLU → pool block's direct forward on images with blank margins (as MNIST's): the taps rows
// it skips over all-zero input must leave the result bit for bit the GEMM path's (conv, then pooling).
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { convGeometry } from '../kernels';
import { createWasmKernels, type WasmKernels } from './index';

describe.each(runnableVariants())('wasm direct conv block forward (%s)', (variant) => {
  let kernels: WasmKernels;
  beforeAll(async () => {
    kernels = await createWasmKernels(readKernelWasm(variant), { maximumMiB: 256 });
  });

  // [n, c, h, w, filters, kernel]: the report's block, two channels, a width whose last group of windows is redone.
  it.each([
    [3, 1, 28, 28, 30, 5],
    [2, 2, 16, 20, 5, 3],
    [2, 1, 17, 19, 4, 4],
  ])('skipping all-zero input changes no bit (n=%i c=%i %ix%i f=%i k=%i)', (n, c, h, w, f, k) => {
    const g = convGeometry(c!, h!, w!, f!, k!, 1, 0);
    const [ph, pw] = [Math.floor(g.oh / 2), Math.floor(g.ow / 2)];
    const [outSize, pooled, taps] = [f! * g.oh * g.ow, f! * ph * pw, c! * k! * k!];
    const rng = new Rng(h! * 7 + f!);
    // Zero margins and zero holes: a blob in the middle of each image, with −0s among the zeros.
    const x = kernels.alloc(n! * c! * h! * w!);
    for (let i = 0; i < x.length; i++) {
      const [row, col] = [Math.floor(i / w!) % h!, i % w!];
      const inBlob = row > h! / 4 && row < (3 * h!) / 4 && col > w! / 3 && col < (2 * w!) / 3;
      x[i] = inBlob && rng.uniform() < 0.7 ? rng.uniform() * 2 - 1 : rng.uniform() < 0.1 ? -0 : 0;
    }
    const wt = kernels.alloc(f! * taps).map(() => rng.uniform() * 2 - 1);
    const b = kernels.alloc(f!).map(() => rng.uniform() - 0.6); // negative biases: ReLU of the blank outputs gives 0
    const out = kernels.alloc(n! * outSize);
    kernels.conv2dForward(g, n!, x, wt, b, true, out);
    const [yRef, argRef] = [kernels.alloc(n! * pooled), kernels.allocInt32(n! * pooled)];
    for (let i = 0; i < n!; i++) {
      const at = <T extends Float32Array | Int32Array>(a: T, size: number) => a.subarray(i * size, (i + 1) * size) as T;
      kernels.maxPoolForward(at(out, outSize), f!, g.oh, g.ow, 2, 2, at(yRef, pooled), at(argRef, pooled));
    }
    const [y, argmax] = [kernels.alloc(n! * pooled).fill(5), kernels.allocInt32(n! * pooled).fill(-1)];
    kernels.conv2dReluPoolForward(g, { size: 2, stride: 2 }, n!, x, wt, b, y, argmax);
    expect(Array.from(y)).toEqual(Array.from(yRef));
    expect(Array.from(argmax)).toEqual(Array.from(argRef));
    // The case has both: outputs from the blob and outputs of a blank input (the bias alone, through ReLU).
    expect(y.some((v) => v > 0) && y.some((v) => v === 0)).toBe(true);
  });
});

// The wasm ReLU kernels against the reference, for every variant this Node can run (SIMD body + scalar tail).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { reluBackwardReference, reluForwardReference } from '../reference/relu';
import { createWasmKernels } from './index';

describe.each(runnableVariants())('wasm ReLU (%s)', (variant) => {
  it.each([1, 3, 4, 17, 1000])('matches the reference on %i values, zeros, ±0 and NaN included', async (n) => {
    const kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
    const rng = new Rng(n);
    const x = kernels.alloc(n).map(() => rng.normal());
    x[0] = 0;
    if (n > 2) [x[1], x[2]] = [-0, NaN];
    const dy = kernels.alloc(n).map(() => rng.normal());
    const y = kernels.alloc(n);
    const dx = kernels.alloc(n);
    const yRef = new Float32Array(n);
    const dxRef = new Float32Array(n);
    kernels.reluForward(x, y);
    kernels.reluBackward(x, dy, dx);
    reluForwardReference(x, yRef);
    reluBackwardReference(x, dy, dxRef);
    expect(Array.from(y)).toEqual(Array.from(yRef));
    expect(Array.from(dx)).toEqual(Array.from(dxRef));
  });

  it('names the buffer whose length is wrong', async () => {
    const kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
    expect(() => kernels.reluForward(kernels.alloc(4), kernels.alloc(3))).toThrow(/reluForward.*y/);
  });
});

// The wasm vector kernels of the training step (sum of squares, axpy, momentum, Adam) against the reference.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../random';
import { readKernelWasm, runnableVariants } from '../../testing/wasm-kernels';
import { adamStepReference, axpyReference, momentumStepReference, sumSquaresReference } from '../reference/vector';
import { createWasmKernels } from './index';

describe.each(runnableVariants())('wasm vector kernels (%s)', (variant) => {
  const sizes = [1, 3, 4, 7, 17, 1001];

  it.each(sizes)('sumSquares, axpy, momentumStep and momentumStepL2 match the reference on %i values', async (n) => {
    const kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
    const rng = new Rng(n);
    const fill = () => kernels.alloc(n).map(() => rng.normal());
    const [x, y, w, g, v] = [fill(), fill(), fill(), fill(), fill()];
    expect(kernels.sumSquares(x)).toBeCloseTo(sumSquaresReference(x), 9);

    const yRef = y.slice();
    kernels.axpy(-0.3, x, y);
    axpyReference(-0.3, x, yRef);
    expect(Array.from(y)).toEqual(Array.from(yRef));

    const [wRef, vRef] = [w.slice(), v.slice()];
    kernels.momentumStep(w, g, v, 0.9, 0.05);
    momentumStepReference(wRef, g, vRef, 0.9, 0.05);
    expect(Array.from(v)).toEqual(Array.from(vRef));
    expect(Array.from(w)).toEqual(Array.from(wRef));

    // With L2 folded in: axpy then the step, g keeping the L2 term, bit for bit.
    const gRef = g.slice();
    kernels.momentumStepL2(w, g, v, 0.9, 0.05, 2e-3);
    axpyReference(2e-3, wRef, gRef);
    momentumStepReference(wRef, gRef, vRef, 0.9, 0.05);
    expect([Array.from(w), Array.from(g), Array.from(v)]).toEqual([Array.from(wRef), Array.from(gRef), Array.from(vRef)]);
  });

  it.each(sizes)('adamStep (and adamStepL2) match the reference bit for bit on %i values, step after step', async (n) => {
    const kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
    const rng = new Rng(n + 7);
    const fill = () => kernels.alloc(n).map(() => rng.normal());
    const [w, m, v] = [fill(), kernels.alloc(n), kernels.alloc(n)];
    const [w0, wRef, mRef, vRef] = [w.slice(), w.slice(), m.slice(), v.slice()];
    for (let t = 1; t <= 3; t++) {
      const g = fill();
      const step = { beta1: 0.9, beta2: 0.999, eps: 1e-8, lr: 0.001 / (1 - 0.9 ** t), invSqrtC2: 1 / Math.sqrt(1 - 0.999 ** t) };
      if (t < 3) {
        kernels.adamStep(w, g, m, v, step);
        adamStepReference(wRef, g, mRef, vRef, step);
      } else {
        // The last with L2 folded in: as axpy then the step.
        const gRef = g.slice();
        kernels.adamStepL2(w, g, m, v, step, 2e-3);
        axpyReference(2e-3, wRef, gRef);
        adamStepReference(wRef, gRef, mRef, vRef, step);
        expect(Array.from(g)).toEqual(Array.from(gRef));
      }
    }
    expect(Array.from(m)).toEqual(Array.from(mRef));
    expect(Array.from(v)).toEqual(Array.from(vRef));
    expect(Array.from(w)).toEqual(Array.from(wRef));
    // The steps moved every weight (the two sides agreeing on no step at all would prove nothing).
    for (let i = 0; i < n; i++) expect(w[i]).not.toBe(w0[i]);
  });

  it('works on views outside wasm memory too (copied through scratch)', async () => {
    const kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
    const y = new Float32Array([1, 2, 3, 4, 5]);
    kernels.axpy(2, new Float32Array([1, 1, 1, 1, 1]), y);
    expect(Array.from(y)).toEqual([3, 4, 5, 6, 7]);
    expect(kernels.sumSquares(new Float32Array([3, 4]))).toBe(25);
  });

  it('names the buffer whose length is wrong', async () => {
    const kernels = await createWasmKernels(readKernelWasm(variant), { initialMiB: 4 });
    expect(() => kernels.momentumStep(kernels.alloc(4), kernels.alloc(4), kernels.alloc(3), 0.9, 0.1)).toThrow(/momentumStep.*v/);
    const step = { beta1: 0.9, beta2: 0.999, eps: 1e-8, lr: 0.01, invSqrtC2: 1 };
    expect(() => kernels.adamStep(kernels.alloc(4), kernels.alloc(4), kernels.alloc(2), kernels.alloc(4), step)).toThrow(/adamStep.*m/);
  });
});

// The kernel registry: per-op fallback to the reference or to a composition over the backend's own primitives.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import type { KernelOps } from './kernels';
import { referenceKernels, referencePrimitives } from './reference';
import { FUSED_NAMES, KERNEL_NAMES, PRIMITIVE_NAMES, resolveKernels } from './registry';

const memory = { alloc: (n: number) => new Float32Array(n), allocInt32: (n: number) => new Int32Array(n) };

describe('resolveKernels', () => {
  it('names every op of the interface once', () => {
    expect(new Set(KERNEL_NAMES).size).toBe(PRIMITIVE_NAMES.length + FUSED_NAMES.length);
    expect(Object.keys(referenceKernels.providers).sort()).toEqual([...KERNEL_NAMES].sort());
  });

  it('serves the reference primitives as they are and composes the fused ops from them', () => {
    for (const name of PRIMITIVE_NAMES) expect(referenceKernels.providers[name]).toBe('reference');
    for (const name of FUSED_NAMES) expect(referenceKernels.providers[name]).toBe('composed');
  });

  it('fills what a backend lacks and runs composed fused ops on its own gemm', () => {
    let gemms = 0;
    const gemm: KernelOps['gemm'] = (...args) => {
      gemms++;
      referencePrimitives.gemm(...args);
    };
    const kernels = resolveKernels({ name: 'toy', ...memory, kernels: { gemm } }, referencePrimitives);
    expect(kernels.providers.gemm).toBe('toy');
    expect(kernels.providers.adamStep).toBe('reference');
    expect(kernels.providers.linearForward).toBe('composed');
    // y = relu(x·Wᵀ + b) for x = [1, 2], W = [[1, 1], [−1, 0]], b = [0.5, 0.5]
    const y = new Float32Array(2);
    kernels.linearForward(1, 2, 2, Float32Array.of(1, 2), Float32Array.of(1, 1, -1, 0), Float32Array.of(0.5, 0.5), true, y);
    expect(Array.from(y)).toEqual([3.5, 0]);
    expect(gemms).toBe(1);
  });

  it('keeps a fused op the backend implements', () => {
    const conv2dInputGrad: KernelOps['conv2dInputGrad'] = (_g, _n, _dy, _w, dx) => dx.fill(42);
    const kernels = resolveKernels({ name: 'toy', ...memory, kernels: { conv2dInputGrad } }, referencePrimitives);
    expect(kernels.providers.conv2dInputGrad).toBe('toy');
    const dx = new Float32Array(2);
    kernels.conv2dInputGrad({ c: 1, h: 1, w: 2, filters: 1, kh: 1, kw: 1, stride: 1, pad: 0, oh: 1, ow: 2 }, 1, new Float32Array(2), new Float32Array(1), dx);
    expect(Array.from(dx)).toEqual([42, 42]);
  });

  it('refuses a kernel name that does not exist', () => {
    const kernels = { gemm: referencePrimitives.gemm, gemmm: referencePrimitives.gemm } as Partial<KernelOps>;
    expect(() => resolveKernels({ name: 'typo', ...memory, kernels }, referencePrimitives)).toThrow(EngineError);
    expect(() => resolveKernels({ name: 'typo', ...memory, kernels }, referencePrimitives)).toThrow(/backend typo registers an unknown kernel "gemmm"/);
  });
});

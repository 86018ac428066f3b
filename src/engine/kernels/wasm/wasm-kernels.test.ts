// createWasmKernels as a whole: allocation, private and shared memories, zero-copy after growth, free, options and module checks.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors';
import { readKernelWasm } from '../../testing/wasm-kernels';
import { gemmReference } from '../reference/gemm';
import { createWasmKernels } from './index';

describe('createWasmKernels', () => {
  it('allocates zeroed buffers in its private memory, reusing freed ones', async () => {
    const kernels = await createWasmKernels(readKernelWasm('simd'), { initialMiB: 4 });
    const a = kernels.alloc(10).fill(7);
    expect(a.buffer).toBe(kernels.memory.buffer);
    expect(a.buffer).toBeInstanceOf(ArrayBuffer);
    kernels.free(a);
    const b = kernels.alloc(10);
    expect(b.byteOffset).toBe(a.byteOffset);
    expect(Array.from(b)).toEqual(new Array(10).fill(0));
    const idx = kernels.allocInt32(3);
    expect(idx).toBeInstanceOf(Int32Array);
    expect(() => kernels.free(new Float32Array(2))).toThrow(/not in wasm memory/);
  });

  it('reserves a private memory at its maximum, so no growth ever detaches a view', async () => {
    const kernels = await createWasmKernels(readKernelWasm('simd'), { maximumMiB: 16 });
    const a = kernels.alloc(4).fill(3);
    expect(kernels.memoryStats().memoryBytes).toBe(16 * 2 ** 20);
    kernels.alloc((8 * 2 ** 20) / 4);
    expect(kernels.memory.buffer).toBe(a.buffer);
    expect(Array.from(a)).toEqual([3, 3, 3, 3]);
    expect(() => kernels.alloc((8 * 2 ** 20) / 4)).toThrow(/out of memory: need 1\d\.\d MiB, the limit is 16\.0 MiB/);
  });

  it('keeps buffers from before a shared memory growth valid and computes in place on them', async () => {
    const kernels = await createWasmKernels(readKernelWasm('simd', true), { shared: true, initialMiB: 4, maximumMiB: 64 });
    expect(kernels.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const a = kernels.alloc(6).fill(1);
    const b = kernels.alloc(6).fill(2);
    const c = kernels.alloc(4);
    const before = kernels.memoryStats().memoryBytes;
    const big = kernels.alloc((8 * 2 ** 20) / 4);
    expect(kernels.memoryStats().memoryBytes).toBeGreaterThan(before);
    expect(c.buffer).not.toBe(big.buffer);

    kernels.gemm(false, false, 2, 2, 3, a, b, c, 0);
    expect(Array.from(c)).toEqual([6, 6, 6, 6]);
    // The result is in wasm memory itself, not only in a copy made for the old view.
    expect(Array.from(new Float32Array(kernels.memory.buffer, c.byteOffset, 4))).toEqual([6, 6, 6, 6]);
    const expected = new Float32Array(4);
    gemmReference(false, false, 2, 2, 3, a, b, expected, 0);
    expect(Array.from(c)).toEqual(Array.from(expected));
  });

  it('throws when the memory limit is reached', async () => {
    const kernels = await createWasmKernels(readKernelWasm('simd', true), { shared: true, initialMiB: 4, maximumMiB: 8 });
    expect(() => kernels.alloc(4 * 2 ** 20)).toThrow(/out of memory/);
  });

  it('rejects bad memory options and modules that are not the kernels', async () => {
    await expect(createWasmKernels(readKernelWasm('simd'), { initialMiB: 64, maximumMiB: 8 })).rejects.toThrow(EngineError);
    await expect(createWasmKernels(readKernelWasm('simd'), { shared: true })).rejects.toThrow(/needs a private memory \(kernels-simd\.wasm/);
    await expect(createWasmKernels(readKernelWasm('simd', true))).rejects.toThrow(/needs a shared memory \(a \*-shared\.wasm module\)/);
    // A valid module that imports a shared memory but exports nothing.
    const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 2, 18, 1, 3, 101, 110, 118, 6, 109, 101, 109, 111, 114, 121, 2, 3, 1, 128, 128, 4]);
    await expect(createWasmKernels(empty, { shared: true })).rejects.toThrow(/has no export 'gemm'/);
  });
});

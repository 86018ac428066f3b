// gemm over worker threads: bit-identical to one thread for row and column splits, every transpose, beta 0 and 1.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileKernelModule, createKernelMemory, createWasmKernels, type WasmKernels } from '../../engine/kernels/wasm';
import { findWasmDir } from './load-kernels';
import { type GemmThreads, startGemmThreads } from './gemm-threads';

describe('startGemmThreads', () => {
  let threads: GemmThreads;
  let threaded: WasmKernels;
  let finelySplit: WasmKernels;
  let single: WasmKernels;

  beforeAll(async () => {
    const module = await compileKernelModule(readFileSync(path.join(findWasmDir(), 'kernels-simd-shared.wasm')));
    const { memory } = createKernelMemory({ initialMiB: 8 });
    threads = await startGemmThreads(module, memory, 1);
    threaded = await createWasmKernels(module, { memory, parallel: threads, parallelMinMacs: 0 });
    // A second kernels object on the same threads and memory: it must allocate its own region.
    finelySplit = await createWasmKernels(module, { memory, parallel: threads, parallelMinMacs: 0, parallelParts: 7 });
    single = await createWasmKernels(module, { initialMiB: 8, shared: true });
  });
  afterAll(async () => {
    await threads.close();
  });

  it('is named after its thread count', () => {
    expect(threaded.name).toBe('wasm-simd-2t');
  });

  // Each transpose pair once split by rows (n ≤ m) and once by columns.
  it.each([
    [false, false, 37, 9, 50],
    [false, false, 10, 50, 30],
    [false, true, 70, 12, 9],
    [false, true, 5, 130, 7],
    [true, false, 64, 64, 300],
    [true, false, 6, 100, 20],
    [true, true, 40, 8, 11],
    [true, true, 9, 33, 17],
    [false, true, 128, 784, 40],
  ])('gives the single-thread result exactly (transA=%s transB=%s %i×%i×%i)', (transA, transB, m, n, k) => {
    for (const beta of [0, 1] as const) {
      const args = (kernels: WasmKernels) => {
        const a = kernels.alloc(m * k);
        const b = kernels.alloc(k * n);
        const c = kernels.alloc(m * n);
        for (let i = 0; i < m * k; i++) a[i] = Math.sin(i);
        for (let i = 0; i < k * n; i++) b[i] = Math.cos(i * 0.7);
        for (let i = 0; i < m * n; i++) c[i] = i % 3;
        return { a, b, c };
      };
      const one = args(single);
      const two = args(threaded);
      const seven = args(finelySplit);
      single.gemm(transA, transB, m, n, k, one.a, one.b, one.c, beta);
      threaded.gemm(transA, transB, m, n, k, two.a, two.b, two.c, beta);
      finelySplit.gemm(transA, transB, m, n, k, seven.a, seven.b, seven.c, beta);
      expect(Array.from(two.c)).toEqual(Array.from(one.c));
      expect(Array.from(seven.c)).toEqual(Array.from(one.c));
      expect(two.c.some((v, i) => v !== i % 3)).toBe(true);
    }
  });

  it('shares one allocator between kernels over the same memory', () => {
    const x = threaded.alloc(100);
    const y = finelySplit.alloc(100);
    expect(Math.abs(x.byteOffset - y.byteOffset)).toBeGreaterThanOrEqual(400);
  });

  it('runs many hand-offs in a row without losing one', () => {
    const [m, n, k] = [16, 40, 8];
    const a = threaded.alloc(m * k).fill(1);
    const b = threaded.alloc(k * n).fill(1);
    const c = threaded.alloc(m * n);
    for (let i = 0; i < 2000; i++) threaded.gemm(false, false, m, n, k, a, b, c, 1);
    expect(c.every((v) => v === 2000 * k)).toBe(true);
  });
});

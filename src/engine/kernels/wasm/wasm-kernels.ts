// The WebAssembly SIMD backend: Kernels over one wasm memory (private, or shared with threads), zero-copy for buffers it allocated.
import { EngineError } from '../../errors';
import type { Kernels } from '../kernels';
import { referencePrimitives } from '../reference';
import { resolveKernels } from '../registry';
import { WasmArena } from './arena';
import { checkDims } from './checks';
import { compileKernelModule, instantiateKernels } from './kernel-module';
import { Staging } from './staging';
import { PAGE_BYTES, type WasmMemory, type WasmModule, webAssembly } from './wasm-api';
import { convPoolOps } from './wasm-conv-pool-ops';
import { imageOps } from './wasm-image-ops';
import { matrixOps, type SparseLinear } from './wasm-matrix-ops';

export interface WasmKernelsOptions {
  /** Shared memory to start with, in MiB (default 16; a private memory starts at its maximum). */
  initialMiB?: number;
  /** Upper limit of the memory, in MiB (default 2048, at most 4096). */
  maximumMiB?: number;
  /**
   * A fresh memory shared between threads, for the *-shared.wasm modules (default false: a private
   * memory, for kernels-simd.wasm and kernels-relaxed.wasm). Ignored with `memory`.
   */
  shared?: boolean;
  /**
   * Run on this memory instead of a fresh one (its maximum then bounds growth): with a shared memory,
   * kernels on other threads (data-parallel replicas) allocate from it without overlapping these.
   */
  memory?: WasmMemory;
  /** Whether linearForward / linearParamGrads skip the zeros of x, with the same bits (default 'auto'). */
  sparseLinear?: SparseLinear;
}

/** Kernels plus what only this backend has: explicit free and a look at its memory. */
export interface WasmKernels extends Kernels {
  /** The memory every buffer from alloc/allocInt32 lives in. */
  readonly memory: WasmMemory;
  /** The compiled module, for instantiating it again (e.g. in a worker thread over `memory`). */
  readonly module: WasmModule;
  /** Gives a buffer from alloc/allocInt32 back (pass the array alloc returned, not a subarray). */
  free(buffer: Float32Array | Int32Array): void;
  /** Bytes held by live allocations and bytes the memory has grown to. */
  memoryStats(): { usedBytes: number; memoryBytes: number };
}

/** Bottom of memory never handed out: pointer 0 stays invalid. */
const RESERVED_BYTES = PAGE_BYTES;

/** One allocator per memory, so kernels created over the same `options.memory` never overlap. */
const arenas = new WeakMap<WasmMemory, WasmArena>();

/**
 * Instantiates the kernels module (bytes of build/wasm/kernels-*.wasm, or a compiled module) over a
 * fresh memory, private or `options.shared` (or over `options.memory`). The name is "wasm-relaxed-simd"
 * or "wasm-simd" after what the module was built with.
 */
export async function createWasmKernels(source: Uint8Array | WasmModule, options: WasmKernelsOptions = {}): Promise<WasmKernels> {
  const { memory, maximumBytes } = options.memory
    ? { memory: options.memory, maximumBytes: memoryLimitBytes(options) }
    : createKernelMemory({ ...options, shared: options.shared ?? false });
  const module = await compileKernelModule(source);
  const wasm = await instantiateKernels(module, memory);
  const arena = arenas.get(memory) ?? new WasmArena(memory, maximumBytes, RESERVED_BYTES);
  arenas.set(memory, arena);
  const io = new Staging(arena);
  const workspace = arena.allocBytes(wasm.gemmWorkspaceBytes());
  const shapeOffset = arena.allocBytes(64); // first: it may grow the memory and so replace arena.buffer
  const shape = new Int32Array(arena.buffer, shapeOffset, 10);
  const context = { wasm, io, workspace, sparseLinear: options.sparseLinear };
  const name = wasm.relaxed() === 1 ? 'wasm-relaxed-simd' : 'wasm-simd';
  const kernels = resolveKernels(
    {
      name,
      alloc: (n) => {
        checkDims('alloc', { n });
        const offset = arena.allocBytes(n * 4); // first: it may grow the memory and so replace arena.buffer
        return new Float32Array(arena.buffer, offset, n).fill(0);
      },
      allocInt32: (n) => {
        checkDims('allocInt32', { n });
        const offset = arena.allocBytes(n * 4);
        return new Int32Array(arena.buffer, offset, n).fill(0);
      },
      kernels: { ...matrixOps(context), ...imageOps(context, shape), ...convPoolOps(context, shape) },
    },
    referencePrimitives,
  );
  return {
    ...kernels,
    memory,
    module,
    free: (buffer) => {
      if (!arena.owns(buffer)) throw new EngineError('wasm kernels: free: the buffer is not in wasm memory');
      arena.freeBytes(buffer.byteOffset);
    },
    memoryStats: () => arena.stats(),
  };
}

/** The memory limit the options ask for, in bytes (checked). */
function memoryLimitBytes(options: Pick<WasmKernelsOptions, 'initialMiB' | 'maximumMiB'>): number {
  const initialMiB = options.initialMiB ?? 16;
  const maximumMiB = options.maximumMiB ?? 2048;
  if (!(maximumMiB >= 1 && maximumMiB <= 4096) || !(initialMiB >= 1 && initialMiB <= maximumMiB)) {
    throw new EngineError(`wasm kernels: need 1 ≤ initialMiB (${initialMiB}) ≤ maximumMiB (${maximumMiB}) ≤ 4096`);
  }
  return Math.floor((maximumMiB * 2 ** 20) / PAGE_BYTES) * PAGE_BYTES;
}

/**
 * A fresh memory sized by `initialMiB` / `maximumMiB`, shared by default (for hosts that start threads
 * before the kernels). A private one (`shared: false`) is made at its maximum size at once.
 */
// NOTE: growing a private memory detaches its ArrayBuffer and so every view the layers hold; reserving
// the maximum up front costs address space only (pages take memory when first written).
export function createKernelMemory(options: Pick<WasmKernelsOptions, 'initialMiB' | 'maximumMiB' | 'shared'> = {}): {
  memory: WasmMemory;
  maximumBytes: number;
} {
  const maximumBytes = memoryLimitBytes(options);
  const shared = options.shared ?? true;
  const maximum = maximumBytes / PAGE_BYTES;
  const initial = shared ? Math.ceil(((options.initialMiB ?? 16) * 2 ** 20) / PAGE_BYTES) : maximum;
  const memory = new (webAssembly().Memory)({ initial, maximum, shared });
  return { memory, maximumBytes };
}

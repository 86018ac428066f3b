// The WebAssembly SIMD backend: Kernels over one wasm memory (private, or shared with threads), zero-copy for buffers it allocated.
import { EngineError, ShapeError } from '../../errors';
import { convOutSize, type Kernels } from '../kernels';
import { WasmArena } from './arena';
import { checkDims, checkLength, checkOutSize } from './checks';
import { compileKernelModule, instantiateKernels } from './kernel-module';
import { type GemmPart, type ParallelGemm, splitGemm } from './parallel';
import { Staging } from './staging';
import { PAGE_BYTES, type WasmMemory, type WasmModule, webAssembly } from './wasm-api';

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
   * Run on this memory instead of a fresh one (its maximum then bounds growth). Needed with
   * `parallel`, whose threads instantiate the same module over it.
   */
  memory?: WasmMemory;
  /** Helper threads for large gemms (host-specific, injected). */
  parallel?: ParallelGemm;
  /** Smallest gemm, in multiply-adds m·n·k, worth splitting across threads (default 1 << 20). */
  parallelMinMacs?: number;
  /**
   * Parts a split gemm is cut into (default one per thread: each part repacks the shared operand, so
   * more parts cost work; a helper that wakes late leaves its part to the caller either way).
   */
  parallelParts?: number;
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
 * fresh memory, private or `options.shared` (or over `options.memory`). The name is "wasm-relaxed-simd" or "wasm-simd" after what
 * the module was built with, plus "-<threads>t" with `options.parallel` (e.g. "wasm-relaxed-simd-2t").
 */
export async function createWasmKernels(source: Uint8Array | WasmModule, options: WasmKernelsOptions = {}): Promise<WasmKernels> {
  if (options.parallel && !options.memory) {
    throw new EngineError('wasm kernels: options.parallel needs options.memory, the memory its threads run on');
  }
  const { memory, maximumBytes } = options.memory
    ? { memory: options.memory, maximumBytes: memoryLimitBytes(options) }
    : createKernelMemory({ ...options, shared: options.shared ?? false });
  const module = await compileKernelModule(source);
  const wasm = await instantiateKernels(module, memory);
  const arena = arenas.get(memory) ?? new WasmArena(memory, maximumBytes, RESERVED_BYTES);
  arenas.set(memory, arena);
  const io = new Staging(arena);
  const workspace = arena.allocBytes(wasm.gemmWorkspaceBytes());
  const parallel = options.parallel;
  const helperWorkspaces = Array.from({ length: parallel?.helpers ?? 0 }, () => arena.allocBytes(wasm.gemmWorkspaceBytes()));
  const parallelMinMacs = options.parallelMinMacs ?? 1 << 20;
  const parallelParts = options.parallelParts ?? (parallel?.helpers ?? 0) + 1;

  /** Runs the raw gemm, split across the helper threads when it is big enough to pay for the hand-off. */
  function runGemm(job: GemmPart): void {
    const [, , m, n, k] = job;
    const parts = parallel && m * n * k >= parallelMinMacs ? splitGemm(job, parallelParts) : [job];
    if (parts.length === 1) wasm.gemm(...job, workspace);
    else parallel!.run(parts, helperWorkspaces, (part) => wasm.gemm(...part, workspace));
  }

  return {
    name: (wasm.relaxed() === 1 ? 'wasm-relaxed-simd' : 'wasm-simd') + (parallel ? `-${parallel.helpers + 1}t` : ''),
    memory,
    module,
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
    free: (buffer) => {
      if (!arena.owns(buffer)) throw new EngineError('wasm kernels: free: the buffer is not in wasm memory');
      arena.freeBytes(buffer.byteOffset);
    },
    memoryStats: () => arena.stats(),

    gemm(transA, transB, m, n, k, a, b, c, beta) {
      checkDims('gemm', { m, n, k });
      if (beta !== 0 && beta !== 1) throw new ShapeError(`gemm: beta must be 0 or 1, got ${beta}`);
      checkLength('gemm', `A (${transA ? `[${k}, ${m}]` : `[${m}, ${k}]`})`, a, m * k);
      checkLength('gemm', `B (${transB ? `[${n}, ${k}]` : `[${k}, ${n}]`})`, b, k * n);
      checkLength('gemm', `C ([${m}, ${n}])`, c, m * n);
      if (m === 0 || n === 0) return;
      const pa = io.pointer(0, a, m * k, true);
      const pb = io.pointer(1, b, k * n, true);
      const pc = io.pointer(2, c, m * n, beta === 1);
      runGemm([transA ? 1 : 0, transB ? 1 : 0, m, n, k, pa, transA ? m : k, pb, transB ? k : n, pc, n, beta]);
      io.copyOut(c, pc, m * n);
    },

    im2col(x, c, h, w, kh, kw, stride, pad, cols) {
      const [oh, ow] = convGeometry('im2col', c, h, w, kh, kw, stride, pad);
      const rows = c * kh * kw;
      checkLength('im2col', `x ([${c}, ${h}, ${w}])`, x, c * h * w);
      checkLength('im2col', `cols ([${rows}, ${oh * ow}])`, cols, rows * oh * ow);
      const px = io.pointer(0, x, c * h * w, true);
      const pcols = io.pointer(1, cols, rows * oh * ow, false);
      wasm.im2col(px, c, h, w, kh, kw, stride, pad, oh, ow, pcols);
      io.copyOut(cols, pcols, rows * oh * ow);
    },

    col2im(cols, c, h, w, kh, kw, stride, pad, dx) {
      const [oh, ow] = convGeometry('col2im', c, h, w, kh, kw, stride, pad);
      const rows = c * kh * kw;
      checkLength('col2im', `cols ([${rows}, ${oh * ow}])`, cols, rows * oh * ow);
      checkLength('col2im', `dx ([${c}, ${h}, ${w}])`, dx, c * h * w);
      const pcols = io.pointer(0, cols, rows * oh * ow, true);
      const pdx = io.pointer(1, dx, c * h * w, false);
      wasm.col2im(pcols, c, h, w, kh, kw, stride, pad, oh, ow, pdx);
      io.copyOut(dx, pdx, c * h * w);
    },

    maxPoolForward(x, planes, h, w, size, stride, y, argmax) {
      checkDims('maxPoolForward', { planes, h, w, size, stride }, ['size', 'stride']);
      const oh = checkOutSize('maxPoolForward', 'input height', convOutSize(h, size, stride, 0));
      const ow = checkOutSize('maxPoolForward', 'input width', convOutSize(w, size, stride, 0));
      const count = planes * oh * ow;
      checkLength('maxPoolForward', `x ([${planes}, ${h}, ${w}])`, x, planes * h * w);
      checkLength('maxPoolForward', `y ([${planes}, ${oh}, ${ow}])`, y, count);
      checkLength('maxPoolForward', `argmax ([${planes}, ${oh}, ${ow}])`, argmax, count);
      const px = io.pointer(0, x, planes * h * w, true);
      const py = io.pointer(1, y, count, false);
      const parg = io.pointer(2, argmax, count, false);
      wasm.maxPoolForward(px, planes, h, w, size, stride, oh, ow, py, parg);
      io.copyOut(y, py, count);
      io.copyOut(argmax, parg, count);
    },

    maxPoolBackward(dy, argmax, dx) {
      const count = argmax.length;
      checkLength('maxPoolBackward', 'dy (one value per argmax entry)', dy, count);
      const pdy = io.pointer(0, dy, count, true);
      const parg = io.pointer(1, argmax, count, true);
      const pdx = io.pointer(2, dx, dx.length, false);
      wasm.maxPoolBackward(pdy, parg, count, pdx, dx.length);
      io.copyOut(dx, pdx, dx.length);
    },

    reluForward(x, y) {
      const n = x.length;
      checkLength('reluForward', 'y (same length as x)', y, n);
      const px = io.pointer(0, x, n, true);
      const py = io.pointer(1, y, n, false);
      wasm.reluForward(px, py, n);
      io.copyOut(y, py, n);
    },

    reluBackward(x, dy, dx) {
      const n = x.length;
      checkLength('reluBackward', 'dy (same length as x)', dy, n);
      checkLength('reluBackward', 'dx (same length as x)', dx, n);
      const px = io.pointer(0, x, n, true);
      const pdy = io.pointer(1, dy, n, true);
      const pdx = io.pointer(2, dx, n, false);
      wasm.reluBackward(px, pdy, pdx, n);
      io.copyOut(dx, pdx, n);
    },

    sumSquares(x) {
      return wasm.sumSquares(io.pointer(0, x, x.length, true), x.length);
    },

    axpy(alpha, x, y) {
      const n = x.length;
      checkLength('axpy', 'y (same length as x)', y, n);
      const px = io.pointer(0, x, n, true);
      const py = io.pointer(1, y, n, true);
      wasm.axpy(alpha, px, py, n);
      io.copyOut(y, py, n);
    },

    momentumStep(w, g, v, beta, lr) {
      const n = w.length;
      checkLength('momentumStep', 'g (same length as w)', g, n);
      checkLength('momentumStep', 'v (same length as w)', v, n);
      const pw = io.pointer(0, w, n, true);
      const pg = io.pointer(1, g, n, true);
      const pv = io.pointer(2, v, n, true);
      wasm.momentumStep(pw, pg, pv, beta, lr, n);
      io.copyOut(w, pw, n);
      io.copyOut(v, pv, n);
    },

    adamStep(w, g, m, v, step) {
      const n = w.length;
      checkLength('adamStep', 'g (same length as w)', g, n);
      checkLength('adamStep', 'm (same length as w)', m, n);
      checkLength('adamStep', 'v (same length as w)', v, n);
      const pw = io.pointer(0, w, n, true);
      const pg = io.pointer(1, g, n, true);
      const pm = io.pointer(2, m, n, true);
      const pv = io.pointer(3, v, n, true);
      wasm.adamStep(pw, pg, pm, pv, step.beta1, 1 - step.beta1, step.beta2, 1 - step.beta2, step.lr, step.invSqrtC2, step.eps, n);
      io.copyOut(w, pw, n);
      io.copyOut(m, pm, n);
      io.copyOut(v, pv, n);
    },
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
export function createKernelMemory(options: Pick<WasmKernelsOptions, 'initialMiB' | 'maximumMiB' | 'shared'> = {}): { memory: WasmMemory; maximumBytes: number } {
  const maximumBytes = memoryLimitBytes(options);
  const shared = options.shared ?? true;
  const maximum = maximumBytes / PAGE_BYTES;
  const initial = shared ? Math.ceil(((options.initialMiB ?? 16) * 2 ** 20) / PAGE_BYTES) : maximum;
  const memory = new (webAssembly().Memory)({ initial, maximum, shared });
  return { memory, maximumBytes };
}

/** Checks a convolution's sizes and returns [oh, ow]. */
function convGeometry(op: string, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number): [number, number] {
  checkDims(op, { c, h, w, kh, kw, stride, pad }, ['kh', 'kw', 'stride']);
  const oh = checkOutSize(op, 'padded input height', convOutSize(h, kh, stride, pad));
  const ow = checkOutSize(op, 'padded input width', convOutSize(w, kw, stride, pad));
  return [oh, ow];
}

// The hot kernels behind every layer: the named ops of kernel-ops.ts over one backend's memory.
//
// A backend allocates the buffers it works on fastest (the wasm backend hands out views into its own
// memory, so no copies cross the boundary) and implements what it can; registry.ts fills in the rest.
import type { ReplicaThreads } from '../parallel/data-parallel';
import type { ConvGeometry, KernelName, KernelOps, PoolWindow } from './kernel-ops';

export type { AdamStep, ConvGeometry, FusedOps, KernelName, KernelOps, PoolWindow, PrimitiveOps } from './kernel-ops';

/** Where a backend's buffers live. */
export interface KernelMemory {
  /** Which implementation this is, e.g. "reference", "wasm-simd", "wasm-relaxed-simd". */
  readonly name: string;
  /** A zeroed float32 buffer of `n` values that this backend reads and writes without copying. */
  alloc(n: number): Float32Array;
  /** A zeroed int32 buffer of `n` values (indices such as max-pool argmax). */
  allocInt32(n: number): Int32Array;
}

/** Every op, ready to call, and who serves each one. */
export interface Kernels extends KernelMemory, KernelOps {
  /** Per op: the backend's name, "reference" (a primitive it lacks) or "composed" (a fused op it lacks). */
  readonly providers: Readonly<Record<KernelName, string>>;
  /** Helper threads over this backend's (shared) memory, for data-parallel training (host-provided). */
  readonly replicas?: ReplicaThreads;
}

/** Output side of a convolution or pooling window sweep. */
export function convOutSize(size: number, kernel: number, stride: number, pad: number): number {
  return Math.floor((size + 2 * pad - kernel) / stride) + 1;
}

/** Output side of a pooling window sweep over `size` inputs. */
export function pooledSize(size: number, pool: PoolWindow): number {
  return convOutSize(size, pool.size, pool.stride, 0);
}

/** The geometry of a square-kernel convolution of [c, h, w] inputs (checked by the layer that builds it). */
export function convGeometry(c: number, h: number, w: number, filters: number, kernel: number, stride: number, pad: number): ConvGeometry {
  const oh = convOutSize(h, kernel, stride, pad);
  const ow = convOutSize(w, kernel, stride, pad);
  return { c, h, w, filters, kh: kernel, kw: kernel, stride, pad, oh, ow };
}

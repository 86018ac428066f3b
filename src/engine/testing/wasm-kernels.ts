// Test helper: the built kernels modules (build/wasm/) as bytes, and whether this Node runs relaxed SIMD.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { webAssembly } from '../kernels/wasm/wasm-api';

export type KernelVariant = 'simd' | 'relaxed';

/** build/wasm of this checkout (tests run from the repository root). */
export const wasmBuildDir = path.resolve(__dirname, '../../../build/wasm');

/**
 * Bytes of build/wasm/kernels-<variant>.wasm (or the -shared build, for a shared memory); throws telling
 * to run `npm run build:wasm` when missing.
 */
export function readKernelWasm(variant: KernelVariant, shared = false): Uint8Array {
  const file = path.join(wasmBuildDir, `kernels-${variant}${shared ? '-shared' : ''}.wasm`);
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    throw new Error(`${file} is missing: run npm run build:wasm`);
  }
}

/**
 * Whether the relaxed-SIMD module validates here, after switching on Node 20's
 * --experimental-wasm-relaxed-simd at run time (vitest does not pass it; see src/main/wasm/relaxed-simd.ts).
 */
export function relaxedSimdAvailable(): boolean {
  const bytes = readKernelWasm('relaxed');
  if (webAssembly().validate(bytes)) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return webAssembly().validate(bytes);
}

/** Variants this process can run: plain SIMD always, relaxed when it validates. */
export function runnableVariants(): KernelVariant[] {
  return relaxedSimdAvailable() ? ['simd', 'relaxed'] : ['simd'];
}

/** Fills `out` with uniform values in [-1, 1) from `uniform` (a seeded Rng's uniform). */
export function fillUniform(out: Float32Array, uniform: () => number): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = uniform() * 2 - 1;
  return out;
}

/** Largest |a[i] − b[i]| over the first `n` values (NaN if any differs in NaN-ness). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(a[i]!) !== Number.isNaN(b[i]!)) return NaN;
    if (!Number.isNaN(a[i]!)) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  }
  return worst;
}

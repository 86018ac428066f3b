// Node side of the wasm kernels: reads build/wasm/*.wasm (a packaged app's <resources>/wasm), picks relaxed SIMD when
// this runtime runs it, else plain SIMD.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kernels } from '../../engine/kernels/kernels';
import { referenceKernels } from '../../engine/kernels/reference';
import { compileKernelModule, createKernelMemory, createWasmKernels, type WasmKernelsOptions } from '../../engine/kernels/wasm';
import { startGemmThreads } from './gemm-threads';
import { relaxedSimdAvailable } from './relaxed-simd';

export type KernelPreference = 'auto' | 'relaxed' | 'simd' | 'reference';

export interface LoadKernelsOptions extends Omit<WasmKernelsOptions, 'memory' | 'parallel'> {
  /**
   * 'auto' (default): relaxed SIMD when this Node runs it, else plain SIMD. 'relaxed' insists (and throws
   * when unavailable), 'simd' takes plain SIMD, 'reference' the plain-TypeScript kernels.
   */
  prefer?: KernelPreference;
  /** Switch on --experimental-wasm-relaxed-simd at run time when needed (default true; see relaxed-simd.ts). */
  enableRelaxedFlag?: boolean;
  /** Folder holding kernels-simd.wasm and kernels-relaxed.wasm (default: build/wasm of this checkout). */
  dir?: string;
  /** Threads for large gemms, the calling one included (default 1; worker_threads share the wasm memory). */
  threads?: number;
}

const WASM_SUBDIR = path.join('build', 'wasm');

/**
 * Where a packaged app keeps the kernels: electron-builder copies build/wasm to `<resources>/wasm` (extraResources),
 * and Electron names that folder in process.resourcesPath. Undefined outside Electron.
 */
export function packagedWasmDir(proc: { resourcesPath?: string } = process as { resourcesPath?: string }): string | undefined {
  return proc.resourcesPath ? path.join(proc.resourcesPath, 'wasm') : undefined;
}

/** build/wasm in this module's folder or any folder above it, the entry script's, or the working directory's. */
function candidateDirs(): string[] {
  // NOTE: __dirname exists only when this file runs as CommonJS (tsx loads it as ESM from some entries).
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  const starts = [here, process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined, process.cwd()];
  const dirs: string[] = [];
  for (const start of starts) {
    for (let d = start; d; d = path.dirname(d) === d ? undefined : path.dirname(d)) {
      const candidate = path.join(d, WASM_SUBDIR);
      if (!dirs.includes(candidate)) dirs.push(candidate);
    }
  }
  return dirs;
}

function hasModules(dir: string): boolean {
  return existsSync(path.join(dir, 'kernels-simd.wasm')) && existsSync(path.join(dir, 'kernels-relaxed.wasm'));
}

/**
 * The folder with the built kernels: `dir`, else $NNWB_WASM_DIR (its old name NNW_WASM_DIR still works), else a
 * packaged app's `<resources>/wasm`, else the nearest build/wasm (see above). Throws a one-line error telling how to
 * build them.
 */
export function findWasmDir(dir?: string): string {
  const explicit = dir ?? process.env.NNWB_WASM_DIR ?? process.env.NNW_WASM_DIR;
  if (explicit !== undefined) {
    if (hasModules(explicit)) return explicit;
    throw new Error(`wasm kernels not found in ${explicit}: run \`npm run build:wasm\``);
  }
  const packaged = packagedWasmDir();
  if (packaged !== undefined && hasModules(packaged)) return packaged;
  const found = candidateDirs().find(hasModules);
  if (!found) {
    const where = `${packaged ? `${packaged} nor ` : ''}${WASM_SUBDIR} above ${process.cwd()}`;
    throw new Error(`wasm kernels not found (not in ${where}): run \`npm run build:wasm\``);
  }
  return found;
}

/** Whether this Node can run the relaxed-SIMD build, switching the V8 flag on unless `enableFlag` is false. */
export function relaxedSimdSupported(dir?: string, enableFlag = true): boolean {
  return relaxedSimdAvailable(readFileSync(path.join(findWasmDir(dir), 'kernels-relaxed.wasm')), enableFlag);
}

/**
 * The kernels asked for, by default the fastest this process can run: wasm relaxed SIMD, else wasm SIMD.
 * `name` on the result says which one it is.
 */
export async function loadKernels(options: LoadKernelsOptions = {}): Promise<Kernels> {
  const { prefer = 'auto', dir, threads = 1, enableRelaxedFlag = true, ...wasmOptions } = options;
  if (prefer === 'reference') return referenceKernels;
  const wasmDir = findWasmDir(dir);
  let bytes: Uint8Array | undefined;
  if (prefer === 'relaxed' || prefer === 'auto') {
    const relaxed = readFileSync(path.join(wasmDir, 'kernels-relaxed.wasm'));
    if (relaxedSimdAvailable(relaxed, enableRelaxedFlag)) bytes = relaxed;
    else if (prefer === 'relaxed') {
      throw new Error('relaxed SIMD is not available in this Node: run it with --experimental-wasm-relaxed-simd, or use simd kernels');
    }
  }
  bytes ??= readFileSync(path.join(wasmDir, 'kernels-simd.wasm'));
  if (!(Number.isInteger(threads) && threads >= 1)) throw new Error(`threads must be an integer ≥ 1, got ${threads}`);
  if (threads === 1) return createWasmKernels(bytes, wasmOptions);
  const module = await compileKernelModule(bytes);
  const { memory } = createKernelMemory(wasmOptions);
  const parallel = await startGemmThreads(module, memory, threads - 1);
  return createWasmKernels(module, { ...wasmOptions, memory, parallel });
}

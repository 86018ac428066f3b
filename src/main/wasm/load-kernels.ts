// Node side of the wasm kernels: reads build/wasm/*.wasm (a packaged app's <resources>/wasm), picks relaxed SIMD when
// this runtime runs it, else plain SIMD, over a private memory for one thread and a shared one for more.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Kernels } from '../../engine/kernels/kernels';
import { referenceKernels } from '../../engine/kernels/reference';
import { compileKernelModule, createKernelMemory, createWasmKernels, type WasmKernelsOptions } from '../../engine/kernels/wasm';
import { loadNativeAddon, nativeAddonFile, type NativeAddon } from '../native/native-addon';
import { createNativeKernels } from '../native/native-kernels';
import { relaxedSimdAvailable } from './relaxed-simd';
import { startReplicaThreads } from './replica-threads';

export type KernelPreference = 'auto' | 'native' | 'relaxed' | 'simd' | 'reference';

export interface LoadKernelsOptions extends Omit<WasmKernelsOptions, 'memory' | 'parallel' | 'shared'> {
  /**
   * 'auto' (default): the native kernels where they are built and one thread runs, else relaxed SIMD when
   * this Node runs it, else plain SIMD. 'native' and 'relaxed' insist (and throw when unavailable), 'simd'
   * takes plain SIMD, 'reference' the plain-TypeScript kernels.
   */
  prefer?: KernelPreference;
  /** Switch on V8's relaxed-SIMD flag at run time where Node 20 needs it (default true; see relaxed-simd.ts). */
  enableRelaxedFlag?: boolean;
  /** Folder holding kernels-{simd,relaxed}[-shared].wasm (default: build/wasm of this checkout). */
  dir?: string;
  /**
   * Threads for data-parallel training, the calling one included (default 1): the others are worker
   * threads training replicas over the same (then shared) wasm memory; see engine/parallel.
   */
  threads?: number;
  /** The training-process entry (file: URL) the replica threads run; by default the one in these sources. */
  threadEntry?: string;
  /** Multiply-adds per step below which a run trains on one thread all the same (default 14 M; see replica-threads.ts). */
  minStepMacs?: number;
  /** Whether 'auto' may pick the native kernels (default true). */
  native?: boolean;
}

const WASM_SUBDIR = path.join('build', 'wasm');

/** The kernels' name at `threads` threads: "native-avx512-2t" (one thread keeps the plain name). */
export function threadedName(name: string, threads: number): string {
  return threads > 1 ? `${name}-${threads}t` : name;
}

/** The plain name of kernels named by threadedName: "native-avx512-2t" → "native-avx512". */
export function oneThreadName(name: string): string {
  return name.replace(/-\d+t$/, '');
}

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

/** The four builds: plain or relaxed SIMD, over a private or a shared memory. */
function moduleFile(variant: 'simd' | 'relaxed', shared: boolean): string {
  return `kernels-${variant}${shared ? '-shared' : ''}.wasm`;
}

function hasModules(dir: string): boolean {
  return (['simd', 'relaxed'] as const).every((v) => [false, true].every((shared) => existsSync(path.join(dir, moduleFile(v, shared)))));
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
  return relaxedSimdAvailable(readFileSync(path.join(findWasmDir(dir), moduleFile('relaxed', false))), enableFlag);
}

/**
 * The kernels asked for, by default the fastest this process can run: native, else wasm relaxed SIMD,
 * else wasm SIMD; with threads > 1, over a shared memory with replica threads for data parallelism.
 * `name` on the result says which one it is (and "-<threads>t").
 */
export async function loadKernels(options: LoadKernelsOptions = {}): Promise<Kernels> {
  const { prefer = 'auto', dir, threads = 1, threadEntry, enableRelaxedFlag = true, native = true, minStepMacs, ...wasmOptions } = options;
  if (prefer === 'reference') return referenceKernels;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new Error(`threads must be an integer ≥ 1, got ${threads}`);
  const maximumMiB = wasmOptions.maximumMiB ?? 2048;
  const addon = prefer === 'native' || (prefer === 'auto' && native) ? nativeAddon(prefer === 'native') : null;
  if (addon) {
    const isa = addon.isaNames().find(Boolean)!;
    if (threads === 1) return createNativeKernels(addon, isa);
    const { memory } = createKernelMemory({ ...wasmOptions, shared: true });
    const kernels = createNativeKernels(addon, isa, memory, maximumMiB);
    const replicas = await startReplicaThreads(
      threadEntry ?? sourceEntry(),
      { kind: 'native', isa, file: nativeAddonFile()! },
      memory,
      maximumMiB,
      threads - 1,
      minStepMacs,
    );
    return { ...kernels, name: threadedName(kernels.name, threads), replicas };
  }
  const wasmDir = findWasmDir(dir);
  const shared = threads > 1;
  let bytes: Uint8Array | undefined;
  if (prefer === 'relaxed' || prefer === 'auto') {
    const relaxed = readFileSync(path.join(wasmDir, moduleFile('relaxed', shared)));
    if (relaxedSimdAvailable(relaxed, enableRelaxedFlag)) bytes = relaxed;
    else if (prefer === 'relaxed') {
      throw new Error('relaxed SIMD is not available in this Node: run it with --experimental-wasm-relaxed-simd, or use simd kernels');
    }
  }
  bytes ??= readFileSync(path.join(wasmDir, moduleFile('simd', shared)));
  if (threads === 1) return createWasmKernels(bytes, wasmOptions);
  const module = await compileKernelModule(bytes);
  const { memory } = createKernelMemory({ ...wasmOptions, shared: true });
  const kernels = await createWasmKernels(module, { ...wasmOptions, memory });
  const replicas = await startReplicaThreads(threadEntry ?? sourceEntry(), { kind: 'wasm', module }, memory, maximumMiB, threads - 1, minStepMacs);
  return { ...kernels, name: threadedName(kernels.name, threads), replicas };
}

/** The native addon, or (unless `insist`, which throws) null after one line on stderr saying why not, once per process. */
function nativeAddon(insist: boolean): NativeAddon | null {
  const addon = loadNativeAddon();
  if (typeof addon !== 'string') return addon;
  if (insist) throw new Error(addon);
  if (!nativeFallbackSaid) process.stderr.write(`${addon}: using the wasm kernels\n`);
  nativeFallbackSaid = true;
  return null;
}

let nativeFallbackSaid = false;

/** The training-process entry of these sources (bundles pass theirs as threadEntry). */
function sourceEntry(): string {
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  const entry = here && path.join(here, '..', 'worker', 'entry.ts');
  if (!entry || !existsSync(entry)) throw new Error('threads > 1 needs the training-process entry: pass threadEntry');
  return pathToFileURL(entry).href;
}

// Finds and loads the native kernels addon (native/build/Release/nnw_kernels.node, built at install by
// scripts/build-native.mjs; <resources>/native in a packaged app); says in one line why when it cannot.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The addon's exports (native/src/addon.c); `isa` is an index into isaNames(). */
export interface NativeAddon {
  /** Micro-kernel names by index, best first; "" for one this CPU cannot run. */
  isaNames(): string[];
  gemm(
    isa: number,
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    lda: number,
    b: Float32Array,
    ldb: number,
    c: Float32Array,
    ldc: number,
    beta: number,
    bias: Float32Array | null,
    biasMode: number,
    relu: number,
    rowSums: Float32Array | null,
  ): void;
  linearForward(isa: number, n: number, inF: number, outF: number, x: Float32Array, w: Float32Array, b: Float32Array, relu: number, y: Float32Array): void;
  convForward(isa: number, g: Int32Array, n: number, x: Float32Array, w: Float32Array, b: Float32Array, relu: number, y: Float32Array): void;
  convParamGrads(isa: number, g: Int32Array, n: number, x: Float32Array, dy: Float32Array, dw: Float32Array, db: Float32Array): void;
  convInputGrad(isa: number, g: Int32Array, n: number, dy: Float32Array, w: Float32Array, dx: Float32Array): void;
  convReluPoolForward(
    isa: number,
    g: Int32Array,
    size: number,
    stride: number,
    n: number,
    x: Float32Array,
    w: Float32Array,
    b: Float32Array,
    y: Float32Array,
    argmax: Int32Array,
  ): void;
  convReluPoolParamGrads(
    isa: number,
    g: Int32Array,
    size: number,
    stride: number,
    n: number,
    x: Float32Array,
    dy: Float32Array,
    argmax: Int32Array,
    y: Float32Array,
    dw: Float32Array,
    db: Float32Array,
  ): void;
  convReluPoolInputGrad(
    isa: number,
    g: Int32Array,
    size: number,
    stride: number,
    n: number,
    dy: Float32Array,
    argmax: Int32Array,
    y: Float32Array,
    w: Float32Array,
    dx: Float32Array,
  ): void;
  im2col(g: Int32Array, x: Float32Array, cols: Float32Array): void;
  col2im(g: Int32Array, cols: Float32Array, dx: Float32Array): void;
  maxPoolForward(
    x: Float32Array,
    planes: number,
    h: number,
    w: number,
    size: number,
    stride: number,
    oh: number,
    ow: number,
    y: Float32Array,
    argmax: Int32Array,
  ): void;
  maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void;
  maxPoolReluBackward(dy: Float32Array, argmax: Int32Array, y: Float32Array, dx: Float32Array, dxLength: number): void;
  reluForward(x: Float32Array, y: Float32Array): void;
  reluBackward(x: Float32Array, dy: Float32Array, dx: Float32Array): void;
  sumSquares(x: Float32Array): number;
  axpy(alpha: number, x: Float32Array, y: Float32Array): void;
  momentumStep(w: Float32Array, g: Float32Array, v: Float32Array, beta: number, lr: number): void;
  adamStep(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    lr: number,
    isc2: number,
    eps: number,
  ): void;
  /** dst[k·size ..] = src[rows[k]·size ..]; absent from an addon built before it. */
  gatherRows?(src: Float32Array, rows: Uint32Array, size: number, dst: Float32Array): void;
  /** The steps with the L2 gradient folded in (decay last); absent from an addon built before them. */
  momentumStepL2?(w: Float32Array, g: Float32Array, v: Float32Array, beta: number, lr: number, decay: number): void;
  adamStepL2?(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    lr: number,
    isc2: number,
    eps: number,
    decay: number,
  ): void;
}

const ADDON = path.join('native', 'build', 'Release', 'nnw_kernels.node');
/** Where a packaged app keeps the addon: <resources>/native (electron-builder.yml's extraResources). */
const PACKAGED = path.join('native', 'nnw_kernels.node');

/**
 * $NNW_NATIVE_ADDON alone when set; else a packaged app's <resources>/native/nnw_kernels.node, then
 * native/build/Release/nnw_kernels.node above this module, the entry script or the working directory.
 */
function candidates(): string[] {
  if (process.env.NNW_NATIVE_ADDON) return [process.env.NNW_NATIVE_ADDON];
  const { resourcesPath } = process as { resourcesPath?: string };
  const found: string[] = resourcesPath ? [path.join(resourcesPath, PACKAGED)] : [];
  // NOTE: __dirname exists only when this file runs as CommonJS.
  const starts = [
    typeof __dirname === 'string' ? __dirname : undefined,
    process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : undefined,
    process.cwd(),
  ];
  for (const start of starts) {
    for (let d = start; d; d = path.dirname(d) === d ? undefined : path.dirname(d)) {
      const file = path.join(d, ADDON);
      if (!found.includes(file)) found.push(file);
    }
  }
  return found;
}

let loaded: NativeAddon | string | undefined;
let loadedFile: string | undefined;

/**
 * The addon, or the one-line reason it is not available (not built, or it fails to load here). `file`: that
 * file and no search (a replica thread loads the file its run's first thread found: worker threads lack
 * Electron's process.resourcesPath).
 */
export function loadNativeAddon(file?: string): NativeAddon | string {
  if (loaded !== undefined && (file === undefined || file === loadedFile)) return loaded;
  const chosen = file ?? candidates().find((f) => existsSync(f));
  if (!chosen) return (loaded = 'native kernels are not built (npm run build:kernels-native)');
  if (!existsSync(chosen)) return `native kernels are not at ${chosen}`;
  loadedFile = chosen;
  try {
    loaded = createRequire(chosen)(chosen) as NativeAddon;
  } catch (err) {
    loaded = `native kernels do not load: ${(err as Error).message.split('\n')[0]}`;
  }
  return loaded;
}

/** The file the addon was loaded from (undefined before a load, or when none was found). */
export function nativeAddonFile(): string | undefined {
  return loadedFile;
}

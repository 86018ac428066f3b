// Instantiates the compiled kernels module over its memory and checks its exports.
import { EngineError } from '../../errors';
import { type WasmMemory, type WasmModule, webAssembly } from './wasm-api';

/** What the AssemblyScript module exports (src/engine/kernels/wasm/assembly/index.ts); pointers are byte addresses. */
export interface KernelExports {
  gemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    beta: number,
    ws: number,
  ): void;
  gemmFused(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    beta: number,
    bias: number,
    biasMode: number,
    relu: number,
    rowSums: number,
    ws: number,
  ): void;
  gemmWorkspaceBytes(): number;
  linearForward(n: number, inF: number, outF: number, x: number, w: number, b: number, relu: number, y: number, sparse: number, ws: number): void;
  linearParamGrads(n: number, inF: number, outF: number, dy: number, x: number, dw: number, db: number, sparse: number, ws: number): void;
  convForward(shape: number, n: number, x: number, w: number, bias: number, relu: number, y: number, ws: number): void;
  convWeightGrad(shape: number, n: number, x: number, dy: number, dw: number, db: number, ws: number): void;
  convInputGrad(shape: number, n: number, dy: number, w: number, dx: number, cols: number, ws: number): void;
  convReluPoolForward(
    shape: number,
    size: number,
    stride: number,
    ph: number,
    pw: number,
    n: number,
    x: number,
    w: number,
    bias: number,
    y: number,
    argmax: number,
    scratch: number,
    ws: number,
  ): void;
  convReluPoolWeightGrad(
    shape: number,
    size: number,
    stride: number,
    ph: number,
    pw: number,
    n: number,
    x: number,
    dy: number,
    argmax: number,
    y: number,
    dw: number,
    db: number,
    scratch: number,
    ws: number,
  ): void;
  convReluPoolInputGrad(
    shape: number,
    size: number,
    stride: number,
    ph: number,
    pw: number,
    n: number,
    dy: number,
    argmax: number,
    y: number,
    w: number,
    dx: number,
    cols: number,
    scratch: number,
    ws: number,
  ): void;
  im2col(x: number, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number, oh: number, ow: number, cols: number): void;
  col2im(cols: number, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number, oh: number, ow: number, dx: number): void;
  maxPoolForward(x: number, planes: number, h: number, w: number, size: number, stride: number, oh: number, ow: number, y: number, argmax: number): void;
  maxPoolBackward(dy: number, argmax: number, count: number, dx: number, dxLen: number): void;
  maxPoolReluBackward(
    dy: number,
    argmax: number,
    y: number,
    planes: number,
    h: number,
    w: number,
    size: number,
    stride: number,
    oh: number,
    ow: number,
    dx: number,
  ): void;
  reluForward(x: number, y: number, n: number): void;
  reluBackward(x: number, dy: number, dx: number, n: number): void;
  sumSquares(x: number, n: number): number;
  axpy(alpha: number, x: number, y: number, n: number): void;
  momentumStep(w: number, g: number, v: number, beta: number, lr: number, n: number): void;
  adamStep(w: number, g: number, m: number, v: number, b1: number, c1: number, b2: number, c2: number, lr: number, isc2: number, eps: number, n: number): void;
  momentumStepL2(w: number, g: number, v: number, beta: number, lr: number, decay: number, n: number): void;
  adamStepL2(
    w: number,
    g: number,
    m: number,
    v: number,
    b1: number,
    c1: number,
    b2: number,
    c2: number,
    lr: number,
    isc2: number,
    eps: number,
    decay: number,
    n: number,
  ): void;
  relaxed(): number;
}

const exportNames: readonly (keyof KernelExports)[] = [
  'gemm',
  'gemmFused',
  'gemmWorkspaceBytes',
  'linearForward',
  'linearParamGrads',
  'convForward',
  'convWeightGrad',
  'convInputGrad',
  'convReluPoolForward',
  'convReluPoolWeightGrad',
  'convReluPoolInputGrad',
  'im2col',
  'col2im',
  'maxPoolForward',
  'maxPoolBackward',
  'maxPoolReluBackward',
  'reluForward',
  'reluBackward',
  'sumSquares',
  'axpy',
  'momentumStep',
  'adamStep',
  'momentumStepL2',
  'adamStepL2',
  'relaxed',
];

function isShared(memory: WasmMemory): boolean {
  return Object.prototype.toString.call(memory.buffer) === '[object SharedArrayBuffer]';
}

/** Compiles `source` unless it already is a module. */
export async function compileKernelModule(source: Uint8Array | WasmModule): Promise<WasmModule> {
  return source instanceof Uint8Array ? webAssembly().compile(source) : source;
}

/**
 * Instantiates the kernels over `memory`, which must be shared exactly when the module was built with
 * --sharedMemory (the *-shared.wasm files).
 */
export async function instantiateKernels(module: WasmModule, memory: WasmMemory): Promise<KernelExports> {
  const shared = isShared(memory);
  let instance;
  try {
    instance = await webAssembly().instantiate(module, { env: { memory } });
  } catch (err) {
    if ((err as Error).name !== 'LinkError') throw err;
    const want = shared ? 'a private memory (kernels-simd.wasm or kernels-relaxed.wasm)' : 'a shared memory (a *-shared.wasm module)';
    throw new EngineError(`wasm kernels: the module does not run over a ${shared ? 'shared' : 'private'} memory: it needs ${want}`);
  }
  for (const name of exportNames) {
    if (typeof instance.exports[name] !== 'function') {
      throw new EngineError(`wasm kernels: the module has no export '${name}' (rebuild it with npm run build:wasm)`);
    }
  }
  return instance.exports as unknown as KernelExports;
}

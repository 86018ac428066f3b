// The wasm backend's matrix and vector kernels: gemm, the fused linear ops, and the optimizer steps.
import { ShapeError } from '../../errors';
import type { KernelOps } from '../kernels';
import { checkCount, checkLength, checkShaped } from './checks';
import type { KernelExports } from './kernel-module';
import type { Staging } from './staging';

/** What the op wrappers share: the module's exports, argument staging, the gemm workspace. */
export interface WasmOpContext {
  readonly wasm: KernelExports;
  readonly io: Staging;
  /** Byte offset of this thread's gemm workspace. */
  readonly workspace: number;
  /** When the FC products skip the zeros of their input x (see WasmKernelsOptions.sparseLinear). */
  readonly sparseLinear?: SparseLinear;
}

/** 'auto': when few enough of x are nonzero; 'never': always the dense GEMM; 'always': whenever it applies (tests). */
export type SparseLinear = 'auto' | 'never' | 'always';

/** The module's SPARSE_NEVER / SPARSE_AUTO / SPARSE_ALWAYS. */
const sparseModes: Record<SparseLinear, number> = { never: 0, auto: 1, always: 2 };

type MatrixOps = Pick<
  KernelOps,
  'gemm' | 'linearForward' | 'linearParamGrads' | 'sumSquares' | 'axpy' | 'momentumStep' | 'adamStep' | 'momentumStepL2' | 'adamStepL2'
>;

export function matrixOps({ wasm, io, workspace, sparseLinear = 'auto' }: WasmOpContext): MatrixOps {
  const sparse = sparseModes[sparseLinear];
  return {
    gemm(transA, transB, m, n, k, a, b, c, beta) {
      checkCount('gemm', 'm', m);
      checkCount('gemm', 'n', n);
      checkCount('gemm', 'k', k);
      if (beta !== 0 && beta !== 1) throw new ShapeError(`gemm: beta must be 0 or 1, got ${beta}`);
      checkShaped('gemm', 'A', a, transA ? k : m, transA ? m : k);
      checkShaped('gemm', 'B', b, transB ? n : k, transB ? k : n);
      checkShaped('gemm', 'C', c, m, n);
      if (m === 0 || n === 0) return;
      const pa = io.pointer(0, a, m * k, true);
      const pb = io.pointer(1, b, k * n, true);
      const pc = io.pointer(2, c, m * n, beta === 1);
      wasm.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, pa, transA ? m : k, pb, transB ? k : n, pc, n, beta, workspace);
      io.copyOut(c, pc, m * n);
    },
    linearForward(n, inF, outF, x, w, b, relu, y) {
      checkCount('linearForward', 'n', n);
      checkCount('linearForward', 'inFeatures', inF);
      checkCount('linearForward', 'outFeatures', outF);
      checkShaped('linearForward', 'x', x, n, inF);
      checkShaped('linearForward', 'w', w, outF, inF);
      checkShaped('linearForward', 'b', b, outF);
      checkShaped('linearForward', 'y', y, n, outF);
      const px = io.pointer(0, x, n * inF, true);
      const pw = io.pointer(1, w, outF * inF, true);
      const pb = io.pointer(2, b, outF, true);
      const py = io.pointer(3, y, n * outF, false);
      // Skips the zeros of x (ReLU or pooled activations, image margins) with the dense GEMM's bits.
      wasm.linearForward(n, inF, outF, px, pw, pb, relu ? 1 : 0, py, sparse, workspace);
      io.copyOut(y, py, n * outF);
    },
    linearParamGrads(n, inF, outF, dy, x, dw, db) {
      checkCount('linearParamGrads', 'n', n);
      checkCount('linearParamGrads', 'inFeatures', inF);
      checkCount('linearParamGrads', 'outFeatures', outF);
      checkShaped('linearParamGrads', 'dy', dy, n, outF);
      checkShaped('linearParamGrads', 'x', x, n, inF);
      checkShaped('linearParamGrads', 'dw', dw, outF, inF);
      checkShaped('linearParamGrads', 'db', db, outF);
      const pdy = io.pointer(0, dy, n * outF, true);
      const px = io.pointer(1, x, n * inF, true);
      const pdw = io.pointer(2, dw, outF * inF, false);
      const pdb = io.pointer(3, db, outF, false);
      // dW = dyᵀ·x over the nonzeros of x, and db = the row sums of dyᵀ, taken while its panels are packed.
      wasm.linearParamGrads(n, inF, outF, pdy, px, pdw, pdb, sparse, workspace);
      io.copyOut(dw, pdw, outF * inF);
      io.copyOut(db, pdb, outF);
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
    momentumStepL2(w, g, v, beta, lr, decay) {
      const n = w.length;
      checkLength('momentumStepL2', 'g (same length as w)', g, n);
      checkLength('momentumStepL2', 'v (same length as w)', v, n);
      const pw = io.pointer(0, w, n, true);
      const pg = io.pointer(1, g, n, true);
      const pv = io.pointer(2, v, n, true);
      wasm.momentumStepL2(pw, pg, pv, beta, lr, decay, n);
      io.copyOut(w, pw, n);
      io.copyOut(g, pg, n);
      io.copyOut(v, pv, n);
    },
    adamStepL2(w, g, m, v, step, decay) {
      const n = w.length;
      checkLength('adamStepL2', 'g (same length as w)', g, n);
      checkLength('adamStepL2', 'm (same length as w)', m, n);
      checkLength('adamStepL2', 'v (same length as w)', v, n);
      const pw = io.pointer(0, w, n, true);
      const pg = io.pointer(1, g, n, true);
      const pm = io.pointer(2, m, n, true);
      const pv = io.pointer(3, v, n, true);
      wasm.adamStepL2(pw, pg, pm, pv, step.beta1, 1 - step.beta1, step.beta2, 1 - step.beta2, step.lr, step.invSqrtC2, step.eps, decay, n);
      io.copyOut(w, pw, n);
      io.copyOut(g, pg, n);
      io.copyOut(m, pm, n);
      io.copyOut(v, pv, n);
    },
  };
}

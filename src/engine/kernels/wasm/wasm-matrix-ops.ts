// The wasm backend's matrix and vector kernels: gemm, the fused linear ops, and the optimizer steps.
import { ShapeError } from '../../errors';
import type { KernelOps } from '../kernels';
import { checkDims, checkLength } from './checks';
import type { KernelExports } from './kernel-module';
import type { Staging } from './staging';

/** What the op wrappers share: the module's exports, argument staging, the gemm workspace. */
export interface WasmOpContext {
  readonly wasm: KernelExports;
  readonly io: Staging;
  /** Byte offset of this thread's gemm workspace. */
  readonly workspace: number;
}

/** BIAS_COLUMNS of the module's gemmFused: one bias value per column of C. */
const BIAS_COLUMNS = 2;

type MatrixOps = Pick<
  KernelOps,
  'gemm' | 'linearForward' | 'linearParamGrads' | 'sumSquares' | 'axpy' | 'momentumStep' | 'adamStep' | 'momentumStepL2' | 'adamStepL2'
>;

export function matrixOps({ wasm, io, workspace }: WasmOpContext): MatrixOps {
  return {
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
      wasm.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, pa, transA ? m : k, pb, transB ? k : n, pc, n, beta, workspace);
      io.copyOut(c, pc, m * n);
    },
    linearForward(n, inF, outF, x, w, b, relu, y) {
      checkDims('linearForward', { n, inFeatures: inF, outFeatures: outF });
      checkLength('linearForward', `x ([${n}, ${inF}])`, x, n * inF);
      checkLength('linearForward', `w ([${outF}, ${inF}])`, w, outF * inF);
      checkLength('linearForward', `b ([${outF}])`, b, outF);
      checkLength('linearForward', `y ([${n}, ${outF}])`, y, n * outF);
      const px = io.pointer(0, x, n * inF, true);
      const pw = io.pointer(1, w, outF * inF, true);
      const pb = io.pointer(2, b, outF, true);
      const py = io.pointer(3, y, n * outF, false);
      wasm.gemmFused(0, 1, n, outF, inF, px, inF, pw, inF, py, outF, 0, pb, BIAS_COLUMNS, relu ? 1 : 0, 0, workspace);
      io.copyOut(y, py, n * outF);
    },
    linearParamGrads(n, inF, outF, dy, x, dw, db) {
      checkDims('linearParamGrads', { n, inFeatures: inF, outFeatures: outF });
      checkLength('linearParamGrads', `dy ([${n}, ${outF}])`, dy, n * outF);
      checkLength('linearParamGrads', `x ([${n}, ${inF}])`, x, n * inF);
      checkLength('linearParamGrads', `dw ([${outF}, ${inF}])`, dw, outF * inF);
      checkLength('linearParamGrads', `db ([${outF}])`, db, outF);
      const pdy = io.pointer(0, dy, n * outF, true);
      const px = io.pointer(1, x, n * inF, true);
      const pdw = io.pointer(2, dw, outF * inF, false);
      const pdb = io.pointer(3, db, outF, false);
      // dW = dyᵀ·x, and db = the row sums of dyᵀ, taken while its panels are packed.
      wasm.gemmFused(1, 0, outF, inF, n, pdy, outF, px, inF, pdw, inF, 0, 0, 0, 0, pdb, workspace);
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

// Entry of the kernels module: what the engine's loader calls (pointers are byte addresses in the shared memory).
export { gemm, gemmFused, gemmWorkspaceBytes } from './gemm';
export { linearForward } from './linear-sparse';
export { linearParamGrads } from './linear-sparse-grad';
export { convForward, convWeightGrad, convInputGrad } from './conv';
export { convReluPoolForward, convReluPoolWeightGrad, convReluPoolInputGrad } from './conv-pool';
export { im2col, col2im } from './im2col';
export { maxPoolForward, maxPoolBackward, maxPoolReluBackward } from './pool';
export { reluForward, reluBackward } from './relu';
export { sumSquares, axpy, momentumStep, adamStep, momentumStepL2, adamStepL2 } from './vector';

/** 1 when built with relaxed-SIMD FMA, 0 for plain SIMD. */
export function relaxed(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}

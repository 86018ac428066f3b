// Entry of the kernels module: what the engine's loader calls (pointers are byte addresses in the shared memory).
export { gemm, gemmWorkspaceBytes } from './gemm';
export { im2col, col2im } from './im2col';
export { maxPoolForward, maxPoolBackward } from './pool';
export { reluForward, reluBackward } from './relu';
export { sumSquares, axpy, momentumStep, adamStep } from './vector';

/** 1 when built with relaxed-SIMD FMA, 0 for plain SIMD. */
export function relaxed(): i32 {
  return ASC_FEATURE_RELAXED_SIMD ? 1 : 0;
}

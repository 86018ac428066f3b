// The plain-TypeScript backend: correct by inspection, the yardstick for the fast kernels.
import type { Kernels, PrimitiveOps } from '../kernels';
import { resolveKernels } from '../registry';
import { gemmReference } from './gemm';
import { col2imReference, im2colReference } from './im2col';
import { maxPoolBackwardReference, maxPoolForwardReference, maxPoolReluBackwardReference } from './max-pool';
import { reluBackwardReference, reluForwardReference } from './relu';
import { adamStepReference, axpyReference, gatherRowsReference, momentumStepReference, sumSquaresReference } from './vector';

/** Every primitive in plain TypeScript (what other backends fall back to, op by op). */
export const referencePrimitives: PrimitiveOps = {
  gemm: gemmReference,
  im2col: im2colReference,
  col2im: col2imReference,
  maxPoolForward: maxPoolForwardReference,
  maxPoolBackward: maxPoolBackwardReference,
  maxPoolReluBackward: maxPoolReluBackwardReference,
  reluForward: reluForwardReference,
  reluBackward: reluBackwardReference,
  sumSquares: sumSquaresReference,
  axpy: axpyReference,
  momentumStep: momentumStepReference,
  adamStep: adamStepReference,
  gatherRows: gatherRowsReference,
};

/** The primitives above with the fused ops composed from them. */
export const referenceKernels: Kernels = resolveKernels(
  { name: 'reference', alloc: (n) => new Float32Array(n), allocInt32: (n) => new Int32Array(n), kernels: referencePrimitives },
  referencePrimitives,
);

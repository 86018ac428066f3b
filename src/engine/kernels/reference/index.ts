// The plain-TypeScript backend: correct by inspection, the yardstick for the fast kernels.
import type { Kernels } from '../kernels';
import { gemmReference } from './gemm';
import { col2imReference, im2colReference } from './im2col';
import { maxPoolBackwardReference, maxPoolForwardReference } from './max-pool';
import { reluBackwardReference, reluForwardReference } from './relu';
import { adamStepReference, axpyReference, momentumStepReference, sumSquaresReference } from './vector';

export const referenceKernels: Kernels = {
  name: 'reference',
  alloc: (n) => new Float32Array(n),
  allocInt32: (n) => new Int32Array(n),
  gemm: gemmReference,
  im2col: im2colReference,
  col2im: col2imReference,
  maxPoolForward: maxPoolForwardReference,
  maxPoolBackward: maxPoolBackwardReference,
  reluForward: reluForwardReference,
  reluBackward: reluBackwardReference,
  sumSquares: sumSquaresReference,
  axpy: axpyReference,
  momentumStep: momentumStepReference,
  adamStep: adamStepReference,
};

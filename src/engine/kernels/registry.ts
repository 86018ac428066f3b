// Kernels by name with per-op fallback (the tfjs-core pattern): a backend registers what it implements,
// a missing primitive falls back to the reference and a missing fused op to its composition of the
// resolved primitives. So a new backend needs only its hot ops, and fused ops are kernels like any other.
import { EngineError } from '../errors';
import { composedOps } from './composed';
import type { FusedOps, KernelMemory, KernelName, KernelOps, Kernels, PrimitiveOps } from './kernels';

/** Every primitive by name, in one place (a backend registering any other name is refused). */
export const PRIMITIVE_NAMES = [
  'gemm',
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
  'gatherRows',
] as const satisfies readonly (keyof PrimitiveOps)[];

export const FUSED_NAMES = [
  'momentumStepL2',
  'adamStepL2',
  'linearForward',
  'linearParamGrads',
  'conv2dForward',
  'conv2dParamGrads',
  'conv2dInputGrad',
  'conv2dReluPoolForward',
  'conv2dReluPoolParamGrads',
  'conv2dReluPoolInputGrad',
] as const satisfies readonly (keyof FusedOps)[];

export const KERNEL_NAMES: readonly KernelName[] = [...PRIMITIVE_NAMES, ...FUSED_NAMES];

/** A backend: its memory and the kernels it implements. */
export interface KernelBackend extends KernelMemory {
  readonly kernels: Partial<KernelOps>;
}

/**
 * The backend's kernels completed per op: its own where it has them, else the reference primitive
 * (`reference`, a full set of primitives) or the fused op composed over the resolved primitives.
 * Throws an EngineError for a kernel name that does not exist.
 */
export function resolveKernels(backend: KernelBackend, reference: PrimitiveOps): Kernels {
  for (const name of Object.keys(backend.kernels)) {
    if (!(KERNEL_NAMES as readonly string[]).includes(name)) {
      throw new EngineError(`kernels: backend ${backend.name} registers an unknown kernel "${name}"; known: ${KERNEL_NAMES.join(', ')}`);
    }
  }
  const own = backend.kernels;
  const providers = {} as Record<KernelName, string>;
  const primitives = {} as Record<keyof PrimitiveOps, unknown>;
  for (const name of PRIMITIVE_NAMES) {
    primitives[name] = own[name] ?? reference[name];
    providers[name] = own[name] ? backend.name : 'reference';
  }
  const memory: KernelMemory = { name: backend.name, alloc: (n) => backend.alloc(n), allocInt32: (n) => backend.allocInt32(n) };
  const composed = composedOps(primitives as PrimitiveOps, memory);
  const fused = {} as Record<keyof FusedOps, unknown>;
  for (const name of FUSED_NAMES) {
    fused[name] = own[name] ?? composed[name];
    providers[name] = own[name] ? backend.name : 'composed';
  }
  return { ...memory, ...(primitives as PrimitiveOps), ...(fused as FusedOps), providers };
}

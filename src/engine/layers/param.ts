// Creates a Param whose value and grad live in buffers the kernels backend allocated.
import type { Kernels } from '../kernels/kernels';
import { sizeOf, type Shape } from '../tensor';
import type { Param } from './layer';

/** A zeroed param `name` of `shape` with its zeroed gradient. */
export function makeParam(kernels: Kernels, name: string, shape: Shape, role: Param['role']): Param {
  const n = sizeOf(shape);
  return { name, shape: [...shape], value: kernels.alloc(n), grad: kernels.alloc(n), role };
}

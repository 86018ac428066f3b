// Creates a Param whose value and grad live in buffers the kernels backend allocated.
import { ShapeError } from '../errors';
import { sizeOf, type Shape } from '../tensor';
import type { BuildContext, Param } from './layer';

/**
 * Param `name` of `shape` with a zeroed gradient. Its value is the one the context shares under that name
 * if any (left as it is), else a zeroed buffer that `init` fills.
 */
export function buildParam(ctx: BuildContext, name: string, shape: Shape, role: Param['role'], init?: (value: Float32Array) => void): Param {
  const n = sizeOf(shape);
  const shared = ctx.sharedValues?.get(name);
  if (shared !== undefined && shared.length !== n) throw new ShapeError(`${name}: the shared value holds ${shared.length} numbers, the param ${n}`);
  const value = shared ?? ctx.kernels.alloc(n);
  if (shared === undefined) init?.(value);
  return { name, shape: [...shape], value, grad: ctx.kernels.alloc(n), role };
}

// Argument checks for the wasm kernels: a wrong size must throw, not read or write a neighbouring buffer.
import { ShapeError } from '../../errors';

const NONE: readonly string[] = [];

/** Throws unless every value is a non-negative integer (or ≥ 1 for the names in `positive`). */
// NOTE: for…in and a shared default, not Object.entries: this runs on every kernel call, and garbage made per
// call pauses the training loop (and a data-parallel run's other replica) when it is collected.
export function checkDims(op: string, dims: Record<string, number>, positive: readonly string[] = NONE): void {
  for (const name in dims) {
    const value = dims[name]!;
    const min = positive.includes(name) ? 1 : 0;
    if (!Number.isInteger(value) || value < min) {
      throw new ShapeError(`${op}: ${name} must be an integer ≥ ${min}, got ${value}`);
    }
  }
}

/** checkDims for one value, making no garbage (for the ops called several times a step). */
export function checkCount(op: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new ShapeError(`${op}: ${name} must be an integer ≥ 0, got ${value}`);
}

/**
 * checkLength for a [rows, cols] operand (cols < 0: a vector of rows), its shape in the message: built only when
 * it throws, as these run several times a step.
 */
export function checkShaped(op: string, name: string, view: ArrayLike<number>, rows: number, cols = -1): void {
  const n = cols < 0 ? rows : rows * cols;
  if (view.length < n) throw new ShapeError(`${op}: ${name} ([${cols < 0 ? rows : `${rows}, ${cols}`}]) needs ${n} values, got ${view.length}`);
}

/** Throws unless `view` holds at least `n` values. */
export function checkLength(op: string, what: string, view: ArrayLike<number>, n: number): void {
  if (view.length < n) throw new ShapeError(`${op}: ${what} needs ${n} values, got ${view.length}`);
}

/** Throws unless a window sweep yields at least one output, returning the output side. */
export function checkOutSize(op: string, what: string, out: number): number {
  if (out < 1) throw new ShapeError(`${op}: the window does not fit the ${what} (output size ${out})`);
  return out;
}

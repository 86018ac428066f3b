// Argument checks for the wasm kernels: a wrong size must throw, not read or write a neighbouring buffer.
import { ShapeError } from '../../errors';

/** Throws unless every value is a non-negative integer (or ≥ 1 for the names in `positive`). */
export function checkDims(op: string, dims: Record<string, number>, positive: readonly string[] = []): void {
  for (const [name, value] of Object.entries(dims)) {
    const min = positive.includes(name) ? 1 : 0;
    if (!Number.isInteger(value) || value < min) {
      throw new ShapeError(`${op}: ${name} must be an integer ≥ ${min}, got ${value}`);
    }
  }
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

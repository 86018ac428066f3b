// Loads the PyTorch golden fixtures (made by scripts/golden/make_golden.py) and compares engine output to them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Shape } from '../../tensor';
import { Tensor } from '../../tensor';

/** A tensor as the fixtures store it: PyTorch layout, flat row-major values. */
export interface GoldenTensor {
  shape: number[];
  data: number[];
}

/** The envelope every fixture file shares. */
export interface GoldenFile<C> {
  generator: string;
  torch_version: string;
  what: string;
  cases: C[];
}

/** Reads `src/engine/testing/golden/<name>.json`. */
export function loadGolden<C>(name: string): GoldenFile<C> {
  const text = readFileSync(fileURLToPath(new URL(`./${name}.json`, import.meta.url)), 'utf8');
  const file = JSON.parse(text) as GoldenFile<C>;
  if (!Array.isArray(file.cases) || file.cases.length === 0) throw new Error(`golden ${name}.json: no cases`);
  return file;
}

/** The fixture's values as float32 (inputs were written float32-exact, so nothing is lost). */
export function f32(t: GoldenTensor): Float32Array {
  return Float32Array.from(t.data);
}

/** A Tensor with the fixture's shape and values, or with `shape` when given (same element count). */
export function tensorOf(t: GoldenTensor, shape: Shape = t.shape): Tensor {
  return new Tensor(shape, f32(t));
}

/** Largest |value|: the scale against which float32 rounding of a whole tensor is judged. */
function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i]!));
  return m;
}

/**
 * Throws unless every |actual − expected| ≤ rtol·(|expected| + max|expected|).
 * NOTE: the max|expected| term is there because float32 sums with cancellation lose accuracy relative
 * to their largest terms, not to their (possibly tiny) result; an error of rtol of the tensor's scale
 * is still ~100× the float32 rounding here, and any real bug is off by far more.
 */
export function expectClose(what: string, actual: ArrayLike<number>, expected: GoldenTensor | number[], rtol = 1e-5): void {
  const exp = Array.isArray(expected) ? expected : expected.data;
  if (actual.length !== exp.length) throw new Error(`${what}: ${actual.length} values, expected ${exp.length}`);
  const scale = maxAbs(exp);
  let worst = -1;
  let worstRatio = 0;
  for (let i = 0; i < exp.length; i++) {
    const e = exp[i]!;
    const err = Math.abs(actual[i]! - e);
    const ratio = err / (rtol * (Math.abs(e) + scale) || Number.MIN_VALUE);
    if (!(ratio <= worstRatio)) {
      worstRatio = ratio;
      worst = i;
    }
  }
  if (worstRatio > 1 || Number.isNaN(worstRatio)) {
    throw new Error(
      `${what}: at index ${worst} got ${actual[worst]}, expected ${exp[worst]} ` + `(error ${worstRatio.toFixed(1)}× the tolerance rtol=${rtol})`,
    );
  }
}

/** Throws unless the scalar `actual` is within rtol of `expected`. */
export function expectScalarClose(what: string, actual: number, expected: number, rtol = 1e-5): void {
  expectClose(what, [actual], [expected], rtol / 2);
}

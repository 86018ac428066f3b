// Reference vector kernels of the training step, in float32 arithmetic like the wasm ones.
import type { AdamStep } from '../kernels';

export function sumSquaresReference(x: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
  return sum;
}

export function axpyReference(alpha: number, x: Float32Array, y: Float32Array): void {
  const a = Math.fround(alpha);
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + Math.fround(a * x[i]!);
}

export function momentumStepReference(w: Float32Array, g: Float32Array, v: Float32Array, beta: number, lr: number): void {
  const b = Math.fround(beta);
  const l = Math.fround(lr);
  for (let j = 0; j < w.length; j++) {
    const vj = Math.fround(Math.fround(b * v[j]!) - Math.fround(l * g[j]!));
    v[j] = vj;
    w[j] = w[j]! + vj;
  }
}

/** Adam in float32, every operation rounded as the SIMD kernel rounds it (so the two agree bit for bit). */
export function adamStepReference(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, step: AdamStep): void {
  const f = Math.fround;
  const [b1, b2, c1, c2] = [f(step.beta1), f(step.beta2), f(1 - step.beta1), f(1 - step.beta2)];
  const [lr, isc2, eps] = [f(step.lr), f(step.invSqrtC2), f(step.eps)];
  for (let j = 0; j < w.length; j++) {
    const gj = g[j]!;
    const mj = f(f(b1 * m[j]!) + f(c1 * gj));
    const vj = f(f(b2 * v[j]!) + f(f(c2 * gj) * gj));
    m[j] = mj;
    v[j] = vj;
    w[j] = f(w[j]! - f(f(lr * mj) / f(f(f(Math.sqrt(vj)) * isc2) + eps)));
  }
}

/** One TypedArray.set (a memcpy) per row. */
export function gatherRowsReference(src: Float32Array, rows: Uint32Array, size: number, dst: Float32Array): void {
  for (let k = 0; k < rows.length; k++) dst.set(src.subarray(rows[k]! * size, (rows[k]! + 1) * size), k * size);
}

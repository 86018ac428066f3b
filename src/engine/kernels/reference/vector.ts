// Reference vector kernels of the training step, in float32 arithmetic like the wasm ones.

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

// Reference ReLU forward and backward.

export function reluForwardReference(x: Float32Array, y: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    y[i] = v > 0 || Number.isNaN(v) ? v : 0;
  }
}

export function reluBackwardReference(x: Float32Array, dy: Float32Array, dx: Float32Array): void {
  for (let i = 0; i < x.length; i++) dx[i] = x[i]! > 0 ? dy[i]! : 0;
}

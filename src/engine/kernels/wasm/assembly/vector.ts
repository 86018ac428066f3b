// Vector kernels of the training step: sum of squares (the L2 penalty), axpy (its gradient), momentum.

/** Σ x² over n values, accumulated in f64 (two f64x2 lanes pairs) so long sums keep their digits. */
export function sumSquares(x: usize, n: i32): f64 {
  let lo = f64x2.splat(0);
  let hi = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    const a = f64x2.promote_low_f32x4(v);
    const b = f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1));
    lo = f64x2.add(lo, f64x2.mul(a, a));
    hi = f64x2.add(hi, f64x2.mul(b, b));
  }
  let sum = f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1) + f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    sum += v * v;
  }
  return sum;
}

/** y += alpha · x for n values. */
export function axpy(alpha: f32, x: usize, y: usize, n: i32): void {
  const a = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(a, v128.load(x + o))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, load<f32>(y + o) + alpha * load<f32>(x + o));
  }
}

/** v ← β·v − lr·g; w ← w + v, for n values. */
export function momentumStep(w: usize, g: usize, v: usize, beta: f32, lr: f32, n: i32): void {
  const b = f32x4.splat(beta);
  const l = f32x4.splat(lr);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const vn = f32x4.sub(f32x4.mul(b, v128.load(v + o)), f32x4.mul(l, v128.load(g + o)));
    v128.store(v + o, vn);
    v128.store(w + o, f32x4.add(v128.load(w + o), vn));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const vn = beta * load<f32>(v + o) - lr * load<f32>(g + o);
    store<f32>(v + o, vn);
    store<f32>(w + o, load<f32>(w + o) + vn);
  }
}

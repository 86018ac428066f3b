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

/**
 * One Adam step (see Kernels.adamStep): c1 = 1−β1, c2 = 1−β2, lr already divided by 1−β1^t.
 * NOTE: plain mul/add, no fused multiply-add, so both builds round exactly as the reference does.
 */
export function adamStep(w: usize, g: usize, m: usize, v: usize, b1: f32, c1: f32, b2: f32, c2: f32, lr: f32, isc2: f32, eps: f32, n: i32): void {
  const vb1 = f32x4.splat(b1);
  const vc1 = f32x4.splat(c1);
  const vb2 = f32x4.splat(b2);
  const vc2 = f32x4.splat(c2);
  const vlr = f32x4.splat(lr);
  const vis = f32x4.splat(isc2);
  const veps = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gj = v128.load(g + o);
    const mj = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vc1, gj));
    const vj = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(f32x4.mul(vc2, gj), gj));
    v128.store(m + o, mj);
    v128.store(v + o, vj);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vj), vis), veps);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(vlr, mj), denom)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gj = load<f32>(g + o);
    const mj = b1 * load<f32>(m + o) + c1 * gj;
    const vj = b2 * load<f32>(v + o) + c2 * gj * gj;
    store<f32>(m + o, mj);
    store<f32>(v + o, vj);
    store<f32>(w + o, load<f32>(w + o) - (lr * mj) / (Mathf.sqrt(vj) * isc2 + eps));
  }
}

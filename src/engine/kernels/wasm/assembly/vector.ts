// Vector kernels of the training step: sum of squares (the L2 penalty), axpy (its gradient), momentum.

/**
 * Σ x² over n values, accumulated in f64 so long sums keep their digits: 16 interleaved partial sums (eight
 * f64x2) so the adds are not one dependency chain, added up in a fixed order.
 */
export function sumSquares(x: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let s2 = f64x2.splat(0);
  let s3 = f64x2.splat(0);
  let s4 = f64x2.splat(0);
  let s5 = f64x2.splat(0);
  let s6 = f64x2.splat(0);
  let s7 = f64x2.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const p = x + (<usize>i << 2);
    const u = v128.load(p);
    const v = v128.load(p, 16);
    const w = v128.load(p, 32);
    const z = v128.load(p, 48);
    s0 = f64x2.add(s0, squares(u, false));
    s1 = f64x2.add(s1, squares(u, true));
    s2 = f64x2.add(s2, squares(v, false));
    s3 = f64x2.add(s3, squares(v, true));
    s4 = f64x2.add(s4, squares(w, false));
    s5 = f64x2.add(s5, squares(w, true));
    s6 = f64x2.add(s6, squares(z, false));
    s7 = f64x2.add(s7, squares(z, true));
  }
  for (; i + 4 <= n; i += 4) {
    const u = v128.load(x + (<usize>i << 2));
    s0 = f64x2.add(s0, squares(u, false));
    s1 = f64x2.add(s1, squares(u, true));
  }
  const t = f64x2.add(f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)), f64x2.add(f64x2.add(s4, s5), f64x2.add(s6, s7)));
  let sum = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  for (; i < n; i++) {
    const v = <f64>load<f32>(x + (<usize>i << 2));
    sum += v * v;
  }
  return sum;
}

/** The squares of v's lanes 0, 1 (or 2, 3 when `high`) in f64 (exact: a float32 square fits a float64). */
@inline
function squares(v: v128, high: bool): v128 {
  const a = f64x2.promote_low_f32x4(high ? i32x4.shuffle(v, v, 2, 3, 0, 1) : v);
  return f64x2.mul(a, a);
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
  adam(w, g, m, v, b1, c1, b2, c2, lr, isc2, eps, 0, false, n);
}

/** g ← g + decay·w (as axpy rounds it, kept in g), then momentumStep: one pass instead of two. */
export function momentumStepL2(w: usize, g: usize, v: usize, beta: f32, lr: f32, decay: f32, n: i32): void {
  const b = f32x4.splat(beta);
  const l = f32x4.splat(lr);
  const d = f32x4.splat(decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const wj = v128.load(w + o);
    const gj = f32x4.add(v128.load(g + o), f32x4.mul(d, wj));
    v128.store(g + o, gj);
    const vn = f32x4.sub(f32x4.mul(b, v128.load(v + o)), f32x4.mul(l, gj));
    v128.store(v + o, vn);
    v128.store(w + o, f32x4.add(wj, vn));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const wj = load<f32>(w + o);
    const gj = load<f32>(g + o) + decay * wj;
    store<f32>(g + o, gj);
    const vn = beta * load<f32>(v + o) - lr * gj;
    store<f32>(v + o, vn);
    store<f32>(w + o, wj + vn);
  }
}

/** g ← g + decay·w (kept in g), then adamStep. */
export function adamStepL2(w: usize, g: usize, m: usize, v: usize, b1: f32, c1: f32, b2: f32, c2: f32, lr: f32, isc2: f32, eps: f32, decay: f32, n: i32): void {
  adam(w, g, m, v, b1, c1, b2, c2, lr, isc2, eps, decay, true, n);
}

/** Adam over n values, first adding decay·w to g when `l2` (a constant at each call: inlined away). */
@inline
function adam(w: usize, g: usize, m: usize, v: usize, b1: f32, c1: f32, b2: f32, c2: f32, lr: f32, isc2: f32, eps: f32, decay: f32, l2: bool, n: i32): void {
  const vb1 = f32x4.splat(b1);
  const vc1 = f32x4.splat(c1);
  const vb2 = f32x4.splat(b2);
  const vc2 = f32x4.splat(c2);
  const vlr = f32x4.splat(lr);
  const vis = f32x4.splat(isc2);
  const veps = f32x4.splat(eps);
  const vd = f32x4.splat(decay);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const wj = v128.load(w + o);
    let gj = v128.load(g + o);
    if (l2) {
      gj = f32x4.add(gj, f32x4.mul(vd, wj));
      v128.store(g + o, gj);
    }
    const mj = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vc1, gj));
    const vj = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(f32x4.mul(vc2, gj), gj));
    v128.store(m + o, mj);
    v128.store(v + o, vj);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vj), vis), veps);
    v128.store(w + o, f32x4.sub(wj, f32x4.div(f32x4.mul(vlr, mj), denom)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const wj = load<f32>(w + o);
    let gj = load<f32>(g + o);
    if (l2) {
      gj = gj + decay * wj;
      store<f32>(g + o, gj);
    }
    const mj = b1 * load<f32>(m + o) + c1 * gj;
    const vj = b2 * load<f32>(v + o) + c2 * gj * gj;
    store<f32>(m + o, mj);
    store<f32>(v + o, vj);
    store<f32>(w + o, wj - (lr * mj) / (Mathf.sqrt(vj) * isc2 + eps));
  }
}

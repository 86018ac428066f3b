// Max pooling forward (with argmax) and backward; ties go to the first maximum in row-major window order.

/**
 * x: [planes, h, w] → y: [planes, oh, ow]; argmax gets the flat index into x of each maximum.
 * A 2×2 window with stride 2 (the common case) runs four outputs at a time.
 */
export function maxPoolForward(x: usize, planes: i32, h: i32, w: i32, size: i32, stride: i32, oh: i32, ow: i32, y: usize, argmax: usize): void {
  for (let p = 0; p < planes; p++) {
    const base = p * h * w;
    for (let oy = 0; oy < oh; oy++) {
      const rowBase = base + oy * stride * w;
      const out = <usize>(p * oh * ow + oy * ow) << 2;
      let ox = 0;
      if (size == 2 && stride == 2) ox = pool2x2Row(x, w, rowBase, ow, y + out, argmax + out);
      for (; ox < ow; ox++) {
        const first = rowBase + ox * stride;
        let best = -Infinity as f32;
        let bestIdx = first;
        for (let ky = 0; ky < size; ky++) {
          for (let kx = 0; kx < size; kx++) {
            const idx = first + ky * w + kx;
            const v = load<f32>(x + (<usize>idx << 2));
            if (v > best) {
              best = v;
              bestIdx = idx;
            }
          }
        }
        store<f32>(y + out + (<usize>ox << 2), best);
        store<i32>(argmax + out + (<usize>ox << 2), bestIdx);
      }
    }
  }
}

/** Four 2×2 windows per step along one output row; returns the first output column it did not do. */
// NOTE: best starts at −∞ and only a strictly greater value replaces it, exactly like the scalar loop,
// so ties and NaNs pick the same index as the reference.
function pool2x2Row(x: usize, w: i32, rowBase: i32, ow: i32, y: usize, argmax: usize): i32 {
  const r0 = x + (<usize>rowBase << 2);
  const r1 = r0 + (<usize>w << 2);
  const lanes = i32x4(0, 2, 4, 6);
  let ox = 0;
  for (; ox + 4 <= ow; ox += 4) {
    const off = <usize>ox << 3;
    const a0 = v128.load(r0 + off);
    const a1 = v128.load(r0 + off, 16);
    const b0 = v128.load(r1 + off);
    const b1 = v128.load(r1 + off, 16);
    const idx = i32x4.add(i32x4.splat(rowBase + 2 * ox), lanes);
    let best = f32x4.splat(-Infinity);
    let bestIdx = idx;
    let v = f32x4.shuffle(a0, a1, 0, 2, 4, 6);
    let m = f32x4.gt(v, best);
    best = v128.bitselect(v, best, m);
    v = f32x4.shuffle(a0, a1, 1, 3, 5, 7);
    m = f32x4.gt(v, best);
    best = v128.bitselect(v, best, m);
    bestIdx = v128.bitselect(i32x4.add(idx, i32x4.splat(1)), bestIdx, m);
    v = f32x4.shuffle(b0, b1, 0, 2, 4, 6);
    m = f32x4.gt(v, best);
    best = v128.bitselect(v, best, m);
    bestIdx = v128.bitselect(i32x4.add(idx, i32x4.splat(w)), bestIdx, m);
    v = f32x4.shuffle(b0, b1, 1, 3, 5, 7);
    m = f32x4.gt(v, best);
    best = v128.bitselect(v, best, m);
    bestIdx = v128.bitselect(i32x4.add(idx, i32x4.splat(w + 1)), bestIdx, m);
    v128.store(y + (<usize>ox << 2), best);
    v128.store(argmax + (<usize>ox << 2), bestIdx);
  }
  return ox;
}

/** dx (dxLen floats, overwritten) receives dy routed through argmax (count entries); stray indices are skipped. */
export function maxPoolBackward(dy: usize, argmax: usize, count: i32, dx: usize, dxLen: i32): void {
  memory.fill(dx, 0, <usize>dxLen << 2);
  for (let o = 0; o < count; o++) {
    const idx = load<i32>(argmax + (<usize>o << 2));
    if (<u32>idx < <u32>dxLen) {
      const d = dx + (<usize>idx << 2);
      store<f32>(d, load<f32>(d) + load<f32>(dy + (<usize>o << 2)));
    }
  }
}

/**
 * The gradient of ReLU(maxpool(x)) (= maxpool(ReLU(x))): dy routed through argmax where the pooled output
 * y is > 0, so the ReLU's own backward pass over the larger input is not needed. x: [planes, h, w],
 * y, dy, argmax: [planes, oh, ow] with argmax from maxPoolForward; dx (overwritten) like x.
 * Windows that tile the input (size = stride) write dx directly, four windows per step: no zero-fill first.
 */
export function maxPoolReluBackward(dy: usize, argmax: usize, y: usize, planes: i32, h: i32, w: i32, size: i32, stride: i32, oh: i32, ow: i32, dx: usize): void {
  const count = planes * oh * ow;
  if (size != 2 || stride != 2) {
    memory.fill(dx, 0, <usize>(planes * h * w) << 2);
    for (let o = 0; o < count; o++) {
      const at = <usize>o << 2;
      const idx = load<i32>(argmax + at);
      if (load<f32>(y + at) > 0) {
        const d = dx + (<usize>idx << 2);
        store<f32>(d, load<f32>(d) + load<f32>(dy + at));
      }
    }
    return;
  }
  for (let p = 0; p < planes; p++) {
    const plane = p * h * w;
    for (let oy = 0; oy < oh; oy++) {
      const o = <usize>(p * oh * ow + oy * ow) << 2;
      relu2x2Row(dy + o, argmax + o, y + o, plane + 2 * oy * w, w, ow, dx);
    }
    // An odd last row or column lies in no pooling window (it is dropped).
    if (2 * oh < h) memory.fill(dx + (<usize>(plane + 2 * oh * w) << 2), 0, <usize>(w * (h - 2 * oh)) << 2);
    if (2 * ow < w) for (let iy = 0; iy < 2 * oh; iy++) store<f32>(dx + (<usize>(plane + iy * w + w - 1) << 2), 0);
  }
}

/** One output row of 2×2 windows: the two input rows of dx at flat index `top`, four windows per step. */
function relu2x2Row(dy: usize, argmax: usize, y: usize, top: i32, w: i32, ow: i32, dx: usize): void {
  const row0 = dx + (<usize>top << 2);
  const row1 = row0 + (<usize>w << 2);
  const zero = f32x4.splat(0);
  let ox = 0;
  for (; ox + 4 <= ow; ox += 4) {
    const at = <usize>ox << 2;
    // NOTE: + 0 turns a −0 gradient into +0, as the reference's 0 + dy does.
    const g = f32x4.add(v128.and(v128.load(dy + at), f32x4.gt(v128.load(y + at), zero)), zero);
    const rel = i32x4.sub(v128.load(argmax + at), i32x4.add(i32x4.splat(top + 2 * ox), i32x4(0, 2, 4, 6)));
    const a = v128.and(g, i32x4.eq(rel, i32x4.splat(0)));
    const b = v128.and(g, i32x4.eq(rel, i32x4.splat(1)));
    const c = v128.and(g, i32x4.eq(rel, i32x4.splat(w)));
    const d = v128.and(g, i32x4.eq(rel, i32x4.splat(w + 1)));
    v128.store(row0 + (at << 1), i32x4.shuffle(a, b, 0, 4, 1, 5));
    v128.store(row0 + (at << 1), i32x4.shuffle(a, b, 2, 6, 3, 7), 16);
    v128.store(row1 + (at << 1), i32x4.shuffle(c, d, 0, 4, 1, 5));
    v128.store(row1 + (at << 1), i32x4.shuffle(c, d, 2, 6, 3, 7), 16);
  }
  for (; ox < ow; ox++) {
    const at = <usize>ox << 2;
    const rel = load<i32>(argmax + at) - (top + 2 * ox);
    const g: f32 = load<f32>(y + at) > 0 ? load<f32>(dy + at) + 0 : 0;
    store<f32>(row0 + (at << 1), rel == 0 ? g : 0);
    store<f32>(row0 + (at << 1) + 4, rel == 1 ? g : 0);
    store<f32>(row1 + (at << 1), rel == w ? g : 0);
    store<f32>(row1 + (at << 1) + 4, rel == w + 1 ? g : 0);
  }
}

// Packs blocks of op(A) and op(B) into the contiguous, zero-padded panels the micro-kernel streams.
// The fast paths assume MR = 4 and NR = 8 (one and two f32x4 per step); partial panels go through scalar loops.
import { MR, NR } from './microkernel';
import { zeroFloats } from './simd';

/** Writes lanes of a 4×4 block transposed: out row q = column q of (r0, r1, r2, r3), at dst + q·step. */
@inline
export function storeTransposed4(dst: usize, step: usize, r0: v128, r1: v128, r2: v128, r3: v128): void {
  const t0 = f32x4.shuffle(r0, r1, 0, 4, 1, 5);
  const t1 = f32x4.shuffle(r0, r1, 2, 6, 3, 7);
  const t2 = f32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t3 = f32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(dst, f32x4.shuffle(t0, t2, 0, 1, 4, 5));
  v128.store(dst + step, f32x4.shuffle(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * step, f32x4.shuffle(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * step, f32x4.shuffle(t1, t3, 2, 3, 6, 7));
}

/**
 * One zero-padded panel of `width` lanes over kc steps with only `used` lanes filled:
 * lane j at step p comes from src + j·laneStride + p·stepStride (strides in bytes).
 */
function packPartial(panel: usize, width: i32, used: i32, kc: i32, src: usize, laneStride: usize, stepStride: usize): void {
  zeroFloats(panel, kc * width);
  const step = <usize>width << 2;
  for (let j = 0; j < used; j++) {
    let from = src + <usize>j * laneStride;
    let to = panel + (<usize>j << 2);
    for (let p = 0; p < kc; p++) {
      store<f32>(to, load<f32>(from));
      from += stepStride;
      to += step;
    }
  }
}

/**
 * Adds the `used` rows of a packed A panel (kc steps of MR lanes) into sums[0..used], step by step
 * (so each row is summed in order, as a plain loop would), starting from 0 when `zero`.
 */
function addPanelSums(panel: usize, used: i32, kc: i32, sums: usize, zero: i32): void {
  const step = <usize>(MR << 2);
  if (used == MR) {
    let acc = zero ? f32x4.splat(0) : v128.load(sums);
    for (let p = 0; p < kc; p++) acc = f32x4.add(acc, v128.load(panel + <usize>p * step));
    v128.store(sums, acc);
    return;
  }
  for (let j = 0; j < used; j++) {
    const at = sums + (<usize>j << 2);
    let acc: f32 = zero ? 0 : load<f32>(at);
    for (let p = 0; p < kc; p++) acc += load<f32>(panel + <usize>p * step + (<usize>j << 2));
    store<f32>(at, acc);
  }
}

/**
 * Packs op(A)[i0..i0+mc, p0..p0+kc] into panels of MR rows: panel r holds, per step p, MR values.
 * transA = 0: A stored [m, lda] (A(i, p) at i·lda + p); 1: stored [k, lda] (A(i, p) at p·lda + i).
 * sums (0: none) gets each packed row's sum over the kc steps added (to 0 first when `zeroSums`).
 */
export function packA(transA: i32, a: usize, lda: i32, i0: i32, p0: i32, mc: i32, kc: i32, dst: usize, sums: usize, zeroSums: i32): void {
  for (let ir = 0; ir < mc; ir += MR) {
    const panel = dst + <usize>(ir * kc) * 4;
    packAPanel(transA, a, lda, i0 + ir, p0, min(MR, mc - ir), kc, panel);
    if (sums) addPanelSums(panel, min(MR, mc - ir), kc, sums + (<usize>ir << 2), zeroSums);
  }
}

/** One panel of packA: rows i..i+mr of op(A), steps p0..p0+kc. */
function packAPanel(transA: i32, a: usize, lda: i32, i: i32, p0: i32, mr: i32, kc: i32, panel: usize): void {
  const step = <usize>(MR << 2);
  const ld = <usize>lda * 4;
  if (transA) {
    const src = a + (<usize>p0 * lda + i) * 4;
    if (mr < MR) packPartial(panel, MR, mr, kc, src, 4, ld);
    else for (let p = 0; p < kc; p++) v128.store(panel + <usize>p * step, v128.load(src + <usize>p * ld));
    return;
  }
  const src = a + (<usize>i * lda + p0) * 4;
  if (mr < MR) {
    packPartial(panel, MR, mr, kc, src, ld, 4);
    return;
  }
  let p = 0;
  for (; p + 4 <= kc; p += 4) {
    const s = src + (<usize>p << 2);
    storeTransposed4(panel + <usize>p * step, step, v128.load(s), v128.load(s + ld), v128.load(s + 2 * ld), v128.load(s + 3 * ld));
  }
  for (; p < kc; p++) {
    const out = panel + <usize>p * step;
    const s = src + (<usize>p << 2);
    for (let r = 0; r < MR; r++) store<f32>(out + (<usize>r << 2), load<f32>(s + <usize>r * ld));
  }
}

/**
 * Packs op(B)[p0..p0+kc, j0..j0+nc] into panels of NR columns: panel j holds, per step p, NR values.
 * transB = 0: B stored [k, ldb] (B(p, j) at p·ldb + j); 1: stored [n, ldb] (B(p, j) at j·ldb + p).
 */
export function packB(transB: i32, b: usize, ldb: i32, p0: i32, j0: i32, kc: i32, nc: i32, dst: usize): void {
  const step = <usize>(NR << 2);
  const ld = <usize>ldb * 4;
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const panel = dst + <usize>(jr * kc) * 4;
    if (!transB) {
      const src = b + (<usize>p0 * ldb + j0 + jr) * 4;
      if (nr < NR) {
        packPartial(panel, NR, nr, kc, src, 4, ld);
        continue;
      }
      for (let p = 0; p < kc; p++) {
        const out = panel + <usize>p * step;
        const s = src + <usize>p * ld;
        v128.store(out, v128.load(s));
        v128.store(out, v128.load(s, 16), 16);
      }
    } else {
      const src = b + (<usize>(j0 + jr) * ldb + p0) * 4;
      if (nr < NR) {
        packPartial(panel, NR, nr, kc, src, ld, 4);
        continue;
      }
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        const s = src + (<usize>p << 2);
        const out = panel + <usize>p * step;
        storeTransposed4(out, step, v128.load(s), v128.load(s + ld), v128.load(s + 2 * ld), v128.load(s + 3 * ld));
        storeTransposed4(out + 16, step, v128.load(s + 4 * ld), v128.load(s + 5 * ld), v128.load(s + 6 * ld), v128.load(s + 7 * ld));
      }
      for (; p < kc; p++) {
        const out = panel + <usize>p * step;
        const s = src + (<usize>p << 2);
        for (let j = 0; j < NR; j++) store<f32>(out + (<usize>j << 2), load<f32>(s + <usize>j * ld));
      }
    }
  }
}

// The register-blocked GEMM core: a 4×8 tile of C held in 8 f32x4 accumulators over packed panels.
import { madd } from './simd';

/** Rows of C per micro-tile (A is packed in panels of MR rows). */
export const MR: i32 = 4;
/** Columns of C per micro-tile (B is packed in panels of NR columns). */
export const NR: i32 = 8;

/**
 * C[0..4, 0..8] (= or +=) Ap·Bp over kc steps, then the epilogue: + bias, then max(0, ·) when `relu`.
 * ap: kc groups of MR floats (one column of the A panel per step); bp: kc groups of NR floats.
 * c: top-left of the tile, ldc: row stride in bytes; accumulate: 0 overwrites C, 1 adds to it.
 * rowBias: MR floats, one per row (0: none); colBias: NR floats, one per column (0: none).
 */
// NOTE: V8 (x64) schedules all loads of an iteration before its multiply-adds, so every splat of A is
// live at once: 8 accumulators + 2 B + 4 A (+1 product temp without FMA) fit the 15 usable xmm
// registers, while a 6×8 tile spills and runs ~40% slower. Unrolling over k spills too (−45%), and
// splatting A by lane shuffles from one load is no faster: measured on Node 20 / Zen 4.
export function kernel4x8(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, accumulate: i32, rowBias: usize, colBias: usize, relu: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  // Looping on the B pointer instead of a step counter saves an instruction per step (~4% here).
  const bEnd = bp + (<usize>kc << 5);
  while (bp < bEnd) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    ap += 16;
    bp += 32;
  }
  const c1 = c + ldc;
  const c2 = c1 + ldc;
  const c3 = c2 + ldc;
  if (accumulate) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c1));
    c11 = f32x4.add(c11, v128.load(c1, 16));
    c20 = f32x4.add(c20, v128.load(c2));
    c21 = f32x4.add(c21, v128.load(c2, 16));
    c30 = f32x4.add(c30, v128.load(c3));
    c31 = f32x4.add(c31, v128.load(c3, 16));
  }
  if (rowBias) {
    let r = v128.load32_splat(rowBias);
    c00 = f32x4.add(c00, r);
    c01 = f32x4.add(c01, r);
    r = v128.load32_splat(rowBias, 4);
    c10 = f32x4.add(c10, r);
    c11 = f32x4.add(c11, r);
    r = v128.load32_splat(rowBias, 8);
    c20 = f32x4.add(c20, r);
    c21 = f32x4.add(c21, r);
    r = v128.load32_splat(rowBias, 12);
    c30 = f32x4.add(c30, r);
    c31 = f32x4.add(c31, r);
  }
  if (colBias) {
    const b0 = v128.load(colBias);
    const b1 = v128.load(colBias, 16);
    c00 = f32x4.add(c00, b0);
    c01 = f32x4.add(c01, b1);
    c10 = f32x4.add(c10, b0);
    c11 = f32x4.add(c11, b1);
    c20 = f32x4.add(c20, b0);
    c21 = f32x4.add(c21, b1);
    c30 = f32x4.add(c30, b0);
    c31 = f32x4.add(c31, b1);
  }
  if (relu) {
    // NOTE: f32x4.max propagates NaN, as the reference ReLU keeps it.
    const z = f32x4.splat(0);
    c00 = f32x4.max(c00, z);
    c01 = f32x4.max(c01, z);
    c10 = f32x4.max(c10, z);
    c11 = f32x4.max(c11, z);
    c20 = f32x4.max(c20, z);
    c21 = f32x4.max(c21, z);
    c30 = f32x4.max(c30, z);
    c31 = f32x4.max(c31, z);
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  v128.store(c1, c10);
  v128.store(c1, c11, 16);
  v128.store(c2, c20);
  v128.store(c2, c21, 16);
  v128.store(c3, c30);
  v128.store(c3, c31, 16);
}

// The inner loop of the FC products that skip an input's exact zeros: up to MAX_CHUNK output vectors summed
// over a list of the nonzero inputs with the dense GEMM's multiply-add, in the list's order; and the checks
// that pick the sparse path.
import { madd } from './simd';
import { LIST_OFFSETS } from './sparse-lists';

/** Most output vectors one pass over a list sums: 8 accumulators hide the FMA latency (measured faster than 6). */
export const MAX_CHUNK: i32 = 8;

/**
 * out[0..size) = Σ over the list's entries (in order) of splat(value) · the `size` vectors at rows + offset:
 * an entry is an f32 input value at list + 4·e and the byte offset of its row of weights (or dy) at
 * list + LIST_OFFSETS + 4·e (see sparse-lists.ts). Every lane is one output's sum from 0, with the GEMM
 * tile's multiply-add.
 */
// NOTE: `size` is a constant at each call site below, so the unused accumulators fold away and the
// loads take constant offsets.
@inline
function sparseDot(size: i32, list: usize, count: i32, rows: usize, out: usize): void {
  let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
  let a4 = f32x4.splat(0), a5 = f32x4.splat(0), a6 = f32x4.splat(0), a7 = f32x4.splat(0);
  const end = list + (<usize>count << 2);
  for (let at = list; at < end; at += 4) {
    const s = v128.load32_splat(at);
    const p = rows + <usize>load<i32>(at, LIST_OFFSETS);
    a0 = madd(s, v128.load(p), a0);
    if (size > 1) a1 = madd(s, v128.load(p, 16), a1);
    if (size > 2) a2 = madd(s, v128.load(p, 32), a2);
    if (size > 3) a3 = madd(s, v128.load(p, 48), a3);
    if (size > 4) a4 = madd(s, v128.load(p, 64), a4);
    if (size > 5) a5 = madd(s, v128.load(p, 80), a5);
    if (size > 6) a6 = madd(s, v128.load(p, 96), a6);
    if (size > 7) a7 = madd(s, v128.load(p, 112), a7);
  }
  v128.store(out, a0);
  if (size > 1) v128.store(out, a1, 16);
  if (size > 2) v128.store(out, a2, 32);
  if (size > 3) v128.store(out, a3, 48);
  if (size > 4) v128.store(out, a4, 64);
  if (size > 5) v128.store(out, a5, 80);
  if (size > 6) v128.store(out, a6, 96);
  if (size > 7) v128.store(out, a7, 112);
}

/** sparseDot over `size` (1 to MAX_CHUNK) vectors, each size its own unrolled loop. */
export function sparseDotVectors(size: i32, list: usize, count: i32, rows: usize, out: usize): void {
  if (size == 8) sparseDot(8, list, count, rows, out);
  else if (size == 7) sparseDot(7, list, count, rows, out);
  else if (size == 6) sparseDot(6, list, count, rows, out);
  else if (size == 5) sparseDot(5, list, count, rows, out);
  else if (size == 4) sparseDot(4, list, count, rows, out);
  else if (size == 3) sparseDot(3, list, count, rows, out);
  else if (size == 2) sparseDot(2, list, count, rows, out);
  else sparseDot(1, list, count, rows, out);
}

/** Chunks of at most MAX_CHUNK vectors, as even as can be (25 → 5 of 5): how many chunk `c` of `chunks` takes. */
@inline
export function chunkVectors(vectors: i32, chunks: i32, c: i32): i32 {
  return vectors / chunks + (c < vectors % chunks ? 1 : 0);
}

/** Fraction of the count floats at x that are not 0 (NaN counts as not 0). */
export function nonzeroFraction(x: usize, count: i32): f64 {
  const zero = f32x4.splat(0);
  let acc = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) acc = i32x4.sub(acc, f32x4.ne(v128.load(x + (<usize>i << 2)), zero));
  let c = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  for (; i < count; i++) c += i32(load<f32>(x + (<usize>i << 2)) != 0);
  return count > 0 ? <f64>c / <f64>count : 0;
}

/** 1 when none of the count floats at x is infinite or NaN. */
export function allFinite(x: usize, count: i32): i32 {
  const exp = i32x4.splat(0x7f800000);
  let bad = i32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) bad = v128.or(bad, i32x4.eq(v128.and(v128.load(x + (<usize>i << 2)), exp), exp));
  if (v128.any_true(bad)) return 0;
  for (; i < count; i++) if ((load<i32>(x + (<usize>i << 2)) & 0x7f800000) == 0x7f800000) return 0;
  return 1;
}

// The conv → ReLU → pool block's weight gradient over only the pixels that carry gradient: after a max-pool
// and ReLU's mask at most one pixel per window does, so the dense product's multiply-adds are mostly by 0.
// Each such pixel adds its gradient times the image under its window, read in place, to the filter's taps.
import { ConvShape, pixelsOf, tapsOf } from './conv-shape';
import { KC, aPanels, bPanels, balancedBlock } from './gemm';
import { madd, zeroFloats } from './simd';

/** 1 when the sparse path serves this geometry: no padding (every tap reads inside the image). */
export function sparseGradFits(g: ConvShape): bool {
  return g.pad == 0;
}

/** Where sparseTables puts its tables in the GEMM workspace (unused by this path otherwise). */
@inline
function rowTable(ws: usize): usize {
  return bPanels(ws);
}

/**
 * Tables every image's sparseWeightGradImage reads, written once per call: offsets in floats of each taps
 * row's start from a window's corner and of each output pixel's corner in the image; then for each 4-bit
 * mask the byte offsets of its set lanes, first to last (don't-cares after).
 */
export function sparseTables(g: ConvShape, ws: usize): void {
  const rows = g.c * g.kh;
  const pix = pixelsOf(g);
  const rowAt = rowTable(ws);
  const cornerAt = rowAt + (<usize>rows << 2);
  for (let r = 0; r < rows; r++) store<i32>(rowAt + (<usize>r << 2), ((r / g.kh) * g.h + (r % g.kh)) * g.w);
  for (let p = 0; p < pix; p++) store<i32>(cornerAt + (<usize>p << 2), (p / g.ow) * g.stride * g.w + (p % g.ow) * g.stride);
  const lanes = cornerAt + (<usize>pix << 2);
  for (let m = 0; m < 16; m++) {
    let at = lanes + (<usize>m << 4);
    for (let l = 0; l < 4; l++) store<i32>(at + (<usize>l << 2), 0);
    for (let l = 0; l < 4; l++) {
      if (m & (1 << l)) {
        store<i32>(at, l << 2);
        at += 4;
      }
    }
  }
}

/**
 * One image's share of the block's dW and db from its routed gradient gi [f, oh, ow] (entries +0 where
 * none): dW (=, when `first`, else +=) gi·cols(xi)ᵀ, db likewise its row sums. sparseTables must have run.
 */
// NOTE: bit for bit what the GEMM path (weightGradImage) computes from the same gi when the image is
// finite: the same pixel blocks, each summed from 0 in pixel order with the same multiply-add and then
// added to dW; a skipped entry there adds 0·x, which changes no sum (gi holds no −0).
export function sparseWeightGradImage(g: ConvShape, xi: usize, gi: usize, dw: usize, db: usize, first: bool, ws: usize): void {
  const taps = tapsOf(g);
  const pix = pixelsOf(g);
  const rows = g.c * g.kh;
  const chunks = (g.kw + 3) >> 2;
  const kb = balancedBlock(pix, KC, 4);
  const acc = aPanels(ws);
  const rowAt = rowTable(ws);
  const cornerAt = rowAt + (<usize>rows << 2);
  const lanes = cornerAt + (<usize>pix << 2);
  const list = lanes + 256;
  const accFloats = rows * chunks * 4;
  const fast = rows <= 5 && g.kw >= 4 && g.kw <= 8;
  for (let f = 0; f < g.f; f++) {
    const grow = gi + (<usize>(f * pix) << 2);
    let bias: f32 = first ? 0 : load<f32>(db + (<usize>f << 2));
    for (let pc = 0; pc < pix; pc += kb) {
      const end = min(pc + kb, pix);
      if (fast) {
        bias = fiveRows(g, grow, pc, end, xi, cornerAt, rowAt, rows, bias, acc, lanes, list);
        storeTwoChunks(g, acc, dw + (<usize>(f * taps) << 2), first && pc == 0);
        continue;
      }
      zeroFloats(acc, accFloats);
      for (let p = pc; p < end; p++) {
        const v = load<f32>(grow + (<usize>p << 2));
        if (v == 0) continue;
        bias += v;
        addWindow(g, xi + (<usize>load<i32>(cornerAt + (<usize>p << 2)) << 2), rowAt, rows, f32x4.splat(v), acc);
      }
      storeBlock(g, acc, dw + (<usize>(f * taps) << 2), first && pc == 0);
    }
    store<f32>(db + (<usize>f << 2), bias);
  }
}

/**
 * The common case in registers (up to 5 taps rows of 4 to 8 taps: a 5×5 filter on one channel): the
 * gradient entries gi[pc..end) that are not 0, in pixel order, each add v · its window to 10 accumulators
 * (per row, taps 0..3 and taps kw−4..kw−1: two loads inside the row), stored to acc [row][2] at the end.
 * Rows past `rows` read row 0 and are never stored. Returns `bias` plus the entries, in order.
 */
function fiveRows(g: ConvShape, grow: usize, pc: i32, end: i32, xi: usize, cornerAt: usize, rowAt: usize, rows: i32, bias: f32, acc: usize, lanes: usize, list: usize): f32 {
  const o0 = <usize>load<i32>(rowAt) << 2;
  const o1 = rows > 1 ? <usize>load<i32>(rowAt, 4) << 2 : o0;
  const o2 = rows > 2 ? <usize>load<i32>(rowAt, 8) << 2 : o0;
  const o3 = rows > 3 ? <usize>load<i32>(rowAt, 12) << 2 : o0;
  const o4 = rows > 4 ? <usize>load<i32>(rowAt, 16) << 2 : o0;
  const tail = <usize>(g.kw - 4) << 2;
  const zero = f32x4.splat(0);
  let a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero, a40 = zero, a41 = zero;
  // The entries that are not 0, in pixel order, compacted without a branch per entry: their pixels' byte
  // offsets into `list`, four lanes stored at a time of which popcnt(mask) are kept.
  let count = 0;
  let p = pc;
  for (; p + 4 <= end; p += 4) {
    const m = i32x4.bitmask(f32x4.ne(v128.load(grow + (<usize>p << 2)), zero));
    v128.store(list + (<usize>count << 2), i32x4.add(v128.load(lanes + (<usize>m << 4)), i32x4.splat(p << 2)));
    count += popcnt(m);
  }
  for (; p < end; p++) {
    store<i32>(list + (<usize>count << 2), p << 2);
    count += i32(load<f32>(grow + (<usize>p << 2)) != 0);
  }
  for (let e = 0; e < count; e++) {
    const q = <usize>load<i32>(list + (<usize>e << 2));
    const v = load<f32>(grow + q);
    bias += v;
    const s = f32x4.splat(v);
    const x = xi + (<usize>load<i32>(cornerAt + q) << 2);
    a00 = madd(s, v128.load(x + o0), a00);
    a01 = madd(s, v128.load(x + o0 + tail), a01);
    a10 = madd(s, v128.load(x + o1), a10);
    a11 = madd(s, v128.load(x + o1 + tail), a11);
    a20 = madd(s, v128.load(x + o2), a20);
    a21 = madd(s, v128.load(x + o2 + tail), a21);
    a30 = madd(s, v128.load(x + o3), a30);
    a31 = madd(s, v128.load(x + o3 + tail), a31);
    a40 = madd(s, v128.load(x + o4), a40);
    a41 = madd(s, v128.load(x + o4 + tail), a41);
  }
  v128.store(acc, a00);
  v128.store(acc, a01, 16);
  v128.store(acc, a10, 32);
  v128.store(acc, a11, 48);
  v128.store(acc, a20, 64);
  v128.store(acc, a21, 80);
  v128.store(acc, a30, 96);
  v128.store(acc, a31, 112);
  v128.store(acc, a40, 128);
  v128.store(acc, a41, 144);
  return bias;
}

/** storeBlock for fiveRows' layout: per row, taps 0..3 then taps kw−4..kw−1. */
function storeTwoChunks(g: ConvShape, acc: usize, dw: usize, overwrite: bool): void {
  const rows = g.c * g.kh;
  for (let r = 0; r < rows; r++) {
    const from = acc + (<usize>r << 5);
    const to = dw + (<usize>(r * g.kw) << 2);
    for (let k = 0; k < g.kw; k++) {
      const s = load<f32>(from + (<usize>(k < 4 ? k : k - g.kw + 8) << 2));
      const d = to + (<usize>k << 2);
      store<f32>(d, overwrite ? s : s + load<f32>(d));
    }
  }
}

/** acc[r][k] += v · the taps row r of the window at corner, four taps per chunk (a short last chunk reads only its taps). */
@inline
function addWindow(g: ConvShape, corner: usize, rowAt: usize, rows: i32, v: v128, acc: usize): void {
  const full = g.kw >> 2;
  const tail = g.kw & 3;
  let a = acc;
  for (let r = 0; r < rows; r++) {
    const src = corner + (<usize>load<i32>(rowAt + (<usize>r << 2)) << 2);
    for (let k = 0; k < full; k++) {
      v128.store(a, madd(v, v128.load(src + (<usize>k << 4)), v128.load(a)));
      a += 16;
    }
    if (tail) {
      const s = src + (<usize>full << 4);
      let x = tail == 1 ? v128.load32_zero(s) : v128.load64_zero(s);
      if (tail == 3) x = f32x4.replace_lane(x, 2, load<f32>(s, 8));
      v128.store(a, madd(v, x, v128.load(a)));
      a += 16;
    }
  }
}

/** The filter's row of dW (taps floats at dw) = acc (when `overwrite`) or acc + dW, from acc's padded rows. */
function storeBlock(g: ConvShape, acc: usize, dw: usize, overwrite: bool): void {
  const rows = g.c * g.kh;
  const stride = <usize>((g.kw + 3) >> 2) << 4;
  for (let r = 0; r < rows; r++) {
    const from = acc + <usize>r * stride;
    const to = dw + (<usize>(r * g.kw) << 2);
    for (let k = 0; k < g.kw; k++) {
      const s = load<f32>(from + (<usize>k << 2));
      const d = to + (<usize>k << 2);
      store<f32>(d, overwrite ? s : s + load<f32>(d));
    }
  }
}

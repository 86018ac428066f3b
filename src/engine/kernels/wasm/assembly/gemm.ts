// Blocked GEMM driver (BLIS loop order): k- and m-blocks packed into scratch, 4×8 micro-tiles over them,
// with a fused epilogue (bias per row or per column, then ReLU) and, while packing A, its row sums.
import { MR, NR, kernel4x8 } from './microkernel';
import { packA, packB } from './pack';

/** Largest k-block: one packed B micro-panel (KC·NR floats) stays in L1 while A panels stream from L2. */
export const KC: i32 = 384;
/** Largest m-block (a multiple of MR): one packed A block of MC·KC floats stays in L2. */
export const MC: i32 = 144;
/** Largest n-block (a multiple of NR). */
export const NC: i32 = 1024;

const TILE_BYTES: usize = 256;
const LANE_BYTES: usize = 256;
export const A_BYTES: usize = <usize>(MC * KC) * 4;
export const B_BYTES: usize = <usize>(KC * NC) * 4;

/** Bytes of scratch one gemm call needs (16-byte aligned pointer expected): a tile, lane tables, A and B panels. */
export function gemmWorkspaceBytes(): usize {
  return TILE_BYTES + LANE_BYTES + A_BYTES + B_BYTES;
}

/** 64 i32 slots for a packing routine's per-panel tables (the tile itself is macroKernel's). */
@inline
export function laneScratch(ws: usize): usize {
  return ws + TILE_BYTES;
}

@inline
export function aPanels(ws: usize): usize {
  return ws + TILE_BYTES + LANE_BYTES;
}

@inline
export function bPanels(ws: usize): usize {
  return ws + TILE_BYTES + LANE_BYTES + A_BYTES;
}

/** Where the epilogue's bias goes: nowhere, one value per row of C, or one per column. */
export const BIAS_NONE: i32 = 0;
export const BIAS_ROWS: i32 = 1;
export const BIAS_COLUMNS: i32 = 2;

/** ceil(total / ceil(total / limit)) rounded up to `unit`: equal blocks instead of a thin last one. */
@inline
export function balancedBlock(total: i32, limit: i32, unit: i32): i32 {
  const blocks = (total + limit - 1) / limit;
  const size = (total + blocks - 1) / blocks;
  return min(limit, ((size + unit - 1) / unit) * unit);
}

/**
 * C[mc, nc] (at c, row stride ldcBytes) = or += packed A panels · packed B panels over kc steps, each
 * micro-tile then taking the epilogue: rowBias (mc floats) or colBias (nc floats) added (0: none), ReLU.
 */
export function macroKernel(
  kc: i32, ap: usize, bp: usize, mc: i32, nc: i32, c: usize, ldcBytes: usize,
  accumulate: i32, rowBias: usize, colBias: usize, relu: i32, ws: usize,
): void {
  for (let jr = 0; jr < nc; jr += NR) {
    const nr = min(NR, nc - jr);
    const bPanel = bp + <usize>(jr * kc) * 4;
    const cb = colBias ? colBias + (<usize>jr << 2) : 0;
    for (let ir = 0; ir < mc; ir += MR) {
      const mr = min(MR, mc - ir);
      const aPanel = ap + <usize>(ir * kc) * 4;
      const cTile = c + <usize>ir * ldcBytes + (<usize>jr << 2);
      const rb = rowBias ? rowBias + (<usize>ir << 2) : 0;
      if (mr == MR && nr == NR) {
        kernel4x8(kc, aPanel, bPanel, cTile, ldcBytes, accumulate, rb, cb, relu);
      } else {
        kernel4x8(kc, aPanel, bPanel, ws, <usize>(NR << 2), 0, 0, 0, 0);
        mergeTile(ws, cTile, ldcBytes, mr, nr, accumulate, rb, cb, relu);
      }
    }
  }
}

/** C = op(A)·op(B) + beta·C; see gemmFused. */
export function gemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, beta: i32, ws: usize,
): void {
  gemmFused(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta, 0, BIAS_NONE, 0, 0, ws);
}

/**
 * C[m, n] (row stride ldc) = act(op(A)·op(B) + beta·C + bias), all pointers byte addresses, strides in floats.
 * op(A) is [m, k]: A stored [m, lda] or, when transA, [k, lda]; likewise B with [k, ldb] / [n, ldb].
 * bias: m floats (BIAS_ROWS) or n floats (BIAS_COLUMNS); act is ReLU when `relu`, else the identity.
 * rowSums (0: none) receives Σ_p op(A)[i, p] per row i, added to what it holds when beta = 1.
 */
export function gemmFused(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, beta: i32,
  bias: usize, biasMode: i32, relu: i32, rowSums: usize, ws: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const ldcBytes = <usize>ldc * 4;
  const rowBias = biasMode == BIAS_ROWS ? bias : 0;
  const colBias = biasMode == BIAS_COLUMNS ? bias : 0;
  if (k <= 0) {
    for (let i = 0; i < m; i++) {
      const rb = rowBias ? rowBias + (<usize>i << 2) : 0;
      for (let j = 0; j < n; j += NR) {
        mergeZeroTile(c + <usize>i * ldcBytes + (<usize>j << 2), min(NR, n - j), beta, rb, colBias ? colBias + (<usize>j << 2) : 0, relu);
      }
    }
    if (rowSums && !beta) memory.fill(rowSums, 0, <usize>m << 2);
    return;
  }
  const ap = aPanels(ws);
  const bp = bPanels(ws);
  const kb = balancedBlock(k, KC, 4);
  const mb = balancedBlock(m, MC, MR);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kb) {
      const kc = min(kb, k - pc);
      const last = pc + kc >= k;
      packB(transB, b, ldb, pc, jc, kc, nc, bp);
      for (let ic = 0; ic < m; ic += mb) {
        const mc = min(mb, m - ic);
        const sums = rowSums && jc == 0 ? rowSums + (<usize>ic << 2) : 0;
        packA(transA, a, lda, ic, pc, mc, kc, ap, sums, pc == 0 && !beta ? 1 : 0);
        macroKernel(
          kc, ap, bp, mc, nc, c + <usize>ic * ldcBytes + (<usize>jc << 2), ldcBytes, pc > 0 || beta ? 1 : 0,
          last && rowBias ? rowBias + (<usize>ic << 2) : 0, last && colBias ? colBias + (<usize>jc << 2) : 0, last ? relu : 0, ws,
        );
      }
    }
  }
}

/** Applies the epilogue to the top-left mr×nr corner of an MR×NR tile while copying (or adding) it into C. */
function mergeTile(tile: usize, c: usize, ldcBytes: usize, mr: i32, nr: i32, accumulate: i32, rowBias: usize, colBias: usize, relu: i32): void {
  if (nr == NR) {
    mergeRows(tile, c, ldcBytes, mr, accumulate, rowBias, colBias, relu);
    return;
  }
  for (let i = 0; i < mr; i++) {
    const src = tile + <usize>(i * NR) * 4;
    const dst = c + <usize>i * ldcBytes;
    const rb: f32 = rowBias ? load<f32>(rowBias + (<usize>i << 2)) : 0;
    for (let j = 0; j < nr; j++) {
      const o = <usize>j << 2;
      let v = load<f32>(src + o);
      if (accumulate) v += load<f32>(dst + o);
      if (rowBias) v += rb;
      if (colBias) v += load<f32>(colBias + o);
      store<f32>(dst + o, relu && !(v > 0) && !isNaN(v) ? 0 : v);
    }
  }
}

/** mergeTile for whole rows of NR columns (a tile cut short by rows only): two vectors per row. */
function mergeRows(tile: usize, c: usize, ldcBytes: usize, mr: i32, accumulate: i32, rowBias: usize, colBias: usize, relu: i32): void {
  const zero = f32x4.splat(0);
  for (let i = 0; i < mr; i++) {
    const src = tile + <usize>(i * NR) * 4;
    const dst = c + <usize>i * ldcBytes;
    let v0 = v128.load(src);
    let v1 = v128.load(src, 16);
    if (accumulate) {
      v0 = f32x4.add(v0, v128.load(dst));
      v1 = f32x4.add(v1, v128.load(dst, 16));
    }
    if (rowBias) {
      const r = v128.load32_splat(rowBias + (<usize>i << 2));
      v0 = f32x4.add(v0, r);
      v1 = f32x4.add(v1, r);
    }
    if (colBias) {
      v0 = f32x4.add(v0, v128.load(colBias));
      v1 = f32x4.add(v1, v128.load(colBias, 16));
    }
    if (relu) {
      v0 = f32x4.max(v0, zero);
      v1 = f32x4.max(v1, zero);
    }
    v128.store(dst, v0);
    v128.store(dst, v1, 16);
  }
}

/** The epilogue on one row piece of C when k = 0: C = act(beta·C + bias). */
function mergeZeroTile(c: usize, nr: i32, beta: i32, rowBias: usize, colBias: usize, relu: i32): void {
  for (let j = 0; j < nr; j++) {
    const o = <usize>j << 2;
    let v: f32 = beta ? load<f32>(c + o) : 0;
    if (rowBias) v += load<f32>(rowBias);
    if (colBias) v += load<f32>(colBias + o);
    store<f32>(c + o, relu && !(v > 0) && !isNaN(v) ? 0 : v);
  }
}

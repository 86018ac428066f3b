// Blocked GEMM driver (BLIS loop order): k- and m-blocks packed into scratch, 4×8 micro-tiles over them.
import { MR, NR, kernel4x8 } from './microkernel';
import { packA, packB } from './pack';
import { zeroFloats } from './simd';

/** Largest k-block: one packed B micro-panel (KC·NR floats) stays in L1 while A panels stream from L2. */
const KC: i32 = 384;
/** Largest m-block (a multiple of MR): one packed A block of MC·KC floats stays in L2. */
const MC: i32 = 144;
/** Largest n-block (a multiple of NR). */
const NC: i32 = 1024;

const TILE_BYTES: usize = 256;
const A_BYTES: usize = <usize>(MC * KC) * 4;
const B_BYTES: usize = <usize>(KC * NC) * 4;

/** Bytes of scratch one gemm call needs (16-byte aligned pointer expected). */
export function gemmWorkspaceBytes(): usize {
  return TILE_BYTES + A_BYTES + B_BYTES;
}

/** ceil(total / ceil(total / limit)) rounded up to `unit`: equal blocks instead of a thin last one. */
@inline
function balancedBlock(total: i32, limit: i32, unit: i32): i32 {
  const blocks = (total + limit - 1) / limit;
  const size = (total + blocks - 1) / blocks;
  return min(limit, ((size + unit - 1) / unit) * unit);
}

/**
 * C[m, n] (row stride ldc) = op(A)·op(B) + beta·C, all pointers byte addresses, strides in floats.
 * op(A) is [m, k]: A stored [m, lda] or, when transA, [k, lda]; likewise B with [k, ldb] / [n, ldb].
 */
export function gemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32,
  a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, beta: i32, ws: usize,
): void {
  if (m <= 0 || n <= 0) return;
  const ldcBytes = <usize>ldc * 4;
  if (k <= 0) {
    if (!beta) for (let i = 0; i < m; i++) zeroFloats(c + <usize>i * ldcBytes, n);
    return;
  }
  const tile = ws;
  const ap = ws + TILE_BYTES;
  const bp = ap + A_BYTES;
  const kb = balancedBlock(k, KC, 4);
  const mb = balancedBlock(m, MC, MR);
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kb) {
      const kc = min(kb, k - pc);
      packB(transB, b, ldb, pc, jc, kc, nc, bp);
      const accumulate = pc > 0 || beta != 0 ? 1 : 0;
      for (let ic = 0; ic < m; ic += mb) {
        const mc = min(mb, m - ic);
        packA(transA, a, lda, ic, pc, mc, kc, ap);
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = min(NR, nc - jr);
          const bPanel = bp + <usize>(jr * kc) * 4;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            const aPanel = ap + <usize>(ir * kc) * 4;
            const cTile = c + <usize>(ic + ir) * ldcBytes + (<usize>(jc + jr) << 2);
            if (mr == MR && nr == NR) {
              kernel4x8(kc, aPanel, bPanel, cTile, ldcBytes, accumulate);
            } else {
              kernel4x8(kc, aPanel, bPanel, tile, <usize>(NR << 2), 0);
              mergeTile(tile, cTile, ldcBytes, mr, nr, accumulate);
            }
          }
        }
      }
    }
  }
}

/** Copies (or adds) the top-left mr×nr corner of an MR×NR tile into C. */
function mergeTile(tile: usize, c: usize, ldcBytes: usize, mr: i32, nr: i32, accumulate: i32): void {
  for (let i = 0; i < mr; i++) {
    const src = tile + <usize>(i * NR) * 4;
    const dst = c + <usize>i * ldcBytes;
    for (let j = 0; j < nr; j++) {
      const o = <usize>j << 2;
      const v = load<f32>(src + o);
      store<f32>(dst + o, accumulate ? load<f32>(dst + o) + v : v);
    }
  }
}

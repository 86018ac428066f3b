// The FC layer's forward and weight gradient over an input with many exact zeros (ReLU or max-pooled
// activations, image margins): each output sums only the nonzero inputs' products, in the dense GEMM's
// order (its k-blocks, its multiply-add, its epilogue), so the results are the dense path's bits.
import { BIAS_COLUMNS, B_BYTES, KC, aPanels, bPanels, balancedBlock, gemmFused, laneScratch } from './gemm';
import { storeTransposed4 } from './pack';
import { MAX_CHUNK, allFinite, chunkVectors, nonzeroFraction, sparseDotVectors } from './sparse-dot';
import { LIST_BYTES, buildCompactTable, nonzeroList } from './sparse-lists';

/** The `sparse` argument: always the dense GEMM; the sparse loops when x has few nonzeros; whenever they apply. */
export const SPARSE_NEVER: i32 = 0;
export const SPARSE_AUTO: i32 = 1;
export const SPARSE_ALWAYS: i32 = 2;

/**
 * Above these fractions of nonzero inputs the dense GEMM is the faster one (a 128×4320·4320×100 forward and
 * its weight gradient on Zen 5: the forward breaks even near 0.6, the gradient near 0.4).
 */
export const FORWARD_MAX_DENSITY: f64 = 0.5;
export const GRAD_MAX_DENSITY: f64 = 0.3;

// NOTE: exact, not an approximation: a skipped product is ±0, and adding ±0 to a sum that started at +0
// leaves it as it was. Only 0·∞ and 0·NaN would differ (NaN), so non-finite weights or dy go dense.
export function useSparse(mode: i32, maxDensity: f64, x: usize, count: i32, other: usize, otherCount: i32): bool {
  if (mode == SPARSE_NEVER) return false;
  // A sample of x decides (the first 32768 values): either path gives the same bits.
  if (mode == SPARSE_AUTO && nonzeroFraction(x, min(count, 32768)) > maxDensity) return false;
  return allFinite(other, otherCount) != 0;
}

/** Outputs per pass over W: its transposed k-block, in chunks of up to MAX_CHUNK vectors, fits the A panels. */
const OUT_BLOCK: i32 = 112;

/** y[n, outF] = act(x·Wᵀ + b): x [n, inF], W [outF, inF], b [outF], act = ReLU when `relu`; gemmFused's bits. */
export function linearForward(n: i32, inF: i32, outF: i32, x: usize, w: usize, bias: usize, relu: i32, y: usize, sparse: i32, ws: usize): void {
  if (n <= 0 || inF <= 0 || outF <= 0 || !useSparse(sparse, FORWARD_MAX_DENSITY, x, n * inF, w, 0)) {
    gemmFused(0, 1, n, outF, inF, x, inF, w, inF, y, outF, 0, bias, BIAS_COLUMNS, relu, 0, ws);
    return;
  }
  const kb = balancedBlock(inF, KC, 4); // the dense path's k-blocks: a sum runs block by block there
  const wt = aPanels(ws);
  const lists = bPanels(ws);
  const tile = ws;
  // Each sample's list of nonzeros in a k-block, kept while every chunk of outputs runs over them.
  const group = min(n, <i32>(B_BYTES / (LIST_BYTES + 4)));
  const counts = lists + <usize>group * LIST_BYTES;
  const table = laneScratch(ws);
  buildCompactTable(table);
  for (let o0 = 0; o0 < outF; o0 += OUT_BLOCK) {
    const oc = min(OUT_BLOCK, outF - o0);
    const vectors = (oc + 3) >> 2;
    const chunks = (vectors + MAX_CHUNK - 1) / MAX_CHUNK;
    const rowBytes = chunkVectors(vectors, chunks, 0) << 4; // the widest chunk's row
    for (let pc = 0; pc < inF; pc += kb) {
      const kc = min(kb, inF - pc);
      const chunkBytes = <usize>kc * rowBytes;
      // W's k-block transposed, chunk by chunk: a chunk's rows (one per input) stay in L1 over all samples.
      let v = 0;
      for (let c = 0; c < chunks; c++) {
        const size = chunkVectors(vectors, chunks, c);
        if (!packTransposed(w, inF, o0 + (v << 2), min(size << 2, oc - (v << 2)), pc, kc, wt + <usize>c * chunkBytes, rowBytes >> 2)) {
          // A weight is infinite or NaN (checked while packing): the dense path, where 0·∞ gives NaN, redoes all of y.
          gemmFused(0, 1, n, outF, inF, x, inF, w, inF, y, outF, 0, bias, BIAS_COLUMNS, relu, 0, ws);
          return;
        }
        v += size;
      }
      for (let s0 = 0; s0 < n; s0 += group) {
        const gs = min(group, n - s0);
        for (let s = 0; s < gs; s++) {
          const count = nonzeroList(x + (<usize>(s0 + s) * inF + pc) * 4, kc, rowBytes, table, lists + <usize>s * LIST_BYTES);
          store<i32>(counts + (<usize>s << 2), count);
        }
        v = 0;
        for (let c = 0; c < chunks; c++) {
          const size = chunkVectors(vectors, chunks, c);
          const o = o0 + (v << 2);
          const used = min(size << 2, outF - o);
          for (let s = 0; s < gs; s++) {
            sparseDotVectors(size, lists + <usize>s * LIST_BYTES, load<i32>(counts + (<usize>s << 2)), wt + <usize>c * chunkBytes, tile);
            mergeOutputs(tile, y + (<usize>(s0 + s) * outF + o) * 4, bias + (<usize>o << 2), used, pc == 0, pc + kc >= inF, relu);
          }
          v += size;
        }
      }
    }
  }
}

/**
 * dst[p·ld + o] = W[o0 + o, pc + p] for p < kc, o < ld (0 from oc on): a block of W transposed, rows padded.
 * Returns 0 when one of those weights is infinite or NaN, else 1.
 */
function packTransposed(w: usize, inF: i32, o0: i32, oc: i32, pc: i32, kc: i32, dst: usize, ld: i32): i32 {
  const exp = i32x4.splat(0x7f800000);
  let bad = i32x4.splat(0);
  let bits = 0;
  const wBytes = <usize>inF << 2;
  const ldBytes = <usize>ld << 2;
  const src = w + (<usize>o0 * inF + pc) * 4;
  let o = 0;
  for (; o + 4 <= oc; o += 4) {
    const from = src + <usize>o * wBytes;
    let p = 0;
    for (; p + 4 <= kc; p += 4) {
      const at = from + (<usize>p << 2);
      const r0 = v128.load(at);
      const r1 = v128.load(at + wBytes);
      const r2 = v128.load(at + 2 * wBytes);
      const r3 = v128.load(at + 3 * wBytes);
      bad = v128.or(bad, i32x4.eq(v128.and(r0, exp), exp));
      bad = v128.or(bad, i32x4.eq(v128.and(r1, exp), exp));
      bad = v128.or(bad, i32x4.eq(v128.and(r2, exp), exp));
      bad = v128.or(bad, i32x4.eq(v128.and(r3, exp), exp));
      storeTransposed4(dst + (<usize>p * ld + o) * 4, ldBytes, r0, r1, r2, r3);
    }
    for (; p < kc; p++) {
      for (let r = 0; r < 4; r++) {
        const v = load<i32>(from + <usize>r * wBytes + (<usize>p << 2));
        bits |= (v & 0x7f800000) == 0x7f800000 ? 1 : 0;
        store<i32>(dst + (<usize>p * ld + o + r) * 4, v);
      }
    }
  }
  for (; o < ld; o++) {
    for (let p = 0; p < kc; p++) {
      const v = o < oc ? load<i32>(src + <usize>o * wBytes + (<usize>p << 2)) : 0;
      bits |= (v & 0x7f800000) == 0x7f800000 ? 1 : 0;
      store<i32>(dst + (<usize>p * ld + o) * 4, v);
    }
  }
  return v128.any_true(bad) || bits ? 0 : 1;
}

/** As the GEMM tile's epilogue: out = tile (+ out unless first), then on the last k-block + bias and ReLU. */
function mergeOutputs(tile: usize, out: usize, bias: usize, count: i32, first: bool, last: bool, relu: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const o = <usize>i << 2;
    let v = v128.load(tile + o);
    if (!first) v = f32x4.add(v, v128.load(out + o));
    if (last) {
      v = f32x4.add(v, v128.load(bias + o));
      if (relu) v = f32x4.max(v, zero);
    }
    v128.store(out + o, v);
  }
  for (; i < count; i++) {
    const o = <usize>i << 2;
    let v = load<f32>(tile + o);
    if (!first) v += load<f32>(out + o);
    if (last) {
      v += load<f32>(bias + o);
      if (relu && !(v > 0) && !isNaN(v)) v = 0;
    }
    store<f32>(out + o, v);
  }
}

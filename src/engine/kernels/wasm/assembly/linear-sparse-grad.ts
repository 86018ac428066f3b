// The FC layer's weight gradient dW = dyᵀ·x over the exact zeros of x skipped (see linear-sparse.ts): each
// dW[o, j] sums dy[s, o]·x[s, j] over the samples s with x[s, j] ≠ 0, in order from 0, as the dense GEMM does
// (n ≤ KC: one k-block), so the results are its bits; db as the dense path's packing sums it.
import { A_BYTES, KC, aPanels, bPanels, gemmFused } from './gemm';
import { GRAD_MAX_DENSITY, useSparse } from './linear-sparse';
import { MAX_CHUNK, chunkVectors, sparseDotVectors } from './sparse-dot';
import { LIST_BYTES, nonzeroColumn, nonzeroColumns4 } from './sparse-lists';

/** Columns of x whose lists are built at once, each chunk of dy then running over all of them. */
const COLUMNS: i32 = 64;

/** dW[outF, inF] = dyᵀ·x and db[outF] = Σ rows of dy: dy [n, outF], x [n, inF]; gemmFused's bits. */
export function linearParamGrads(n: i32, inF: i32, outF: i32, dy: usize, x: usize, dw: usize, db: usize, sparse: i32, ws: usize): void {
  const vectors = (outF + 3) >> 2;
  const chunks = (vectors + MAX_CHUNK - 1) / MAX_CHUNK;
  const rowBytes = chunkVectors(vectors, chunks, 0) << 4; // the widest chunk's row
  const chunkBytes = <usize>n * rowBytes;
  const fits = n <= KC && <usize>chunks * chunkBytes <= A_BYTES;
  if (n <= 0 || inF <= 0 || outF <= 0 || !fits || !useSparse(sparse, GRAD_MAX_DENSITY, x, n * inF, dy, n * outF)) {
    gemmFused(1, 0, outF, inF, n, dy, outF, x, inF, dw, inF, 0, 0, 0, 0, db, ws);
    return;
  }
  const rows = aPanels(ws);
  const tile = ws;
  packChunks(dy, n, outF, vectors, chunks, rowBytes, rows);
  columnSums(rows, n, outF, vectors, chunks, rowBytes, db, tile);
  const lists = bPanels(ws);
  const counts = lists + <usize>COLUMNS * LIST_BYTES;
  const ldBytes = <usize>inF << 2;
  for (let j0 = 0; j0 < inF; j0 += COLUMNS) {
    const cols = min(COLUMNS, inF - j0);
    let j = 0;
    for (; j + 4 <= cols; j += 4) nonzeroColumns4(x + (<usize>(j0 + j) << 2), ldBytes, n, rowBytes, lists + <usize>j * LIST_BYTES, counts + (<usize>j << 2));
    for (; j < cols; j++) store<i32>(counts + (<usize>j << 2), nonzeroColumn(x + (<usize>(j0 + j) << 2), ldBytes, n, rowBytes, lists + <usize>j * LIST_BYTES));
    let v = 0;
    for (let c = 0; c < chunks; c++) {
      const size = chunkVectors(vectors, chunks, c);
      const used = min(size << 2, outF - (v << 2));
      for (let j = 0; j < cols; j++) {
        sparseDotVectors(size, lists + <usize>j * LIST_BYTES, load<i32>(counts + (<usize>j << 2)), rows + <usize>c * chunkBytes, tile);
        let to = dw + (<usize>(v << 2) * inF + j0 + j) * 4;
        for (let t = 0; t < used; t++) {
          store<f32>(to, load<f32>(tile + (<usize>t << 2)));
          to += ldBytes;
        }
      }
      v += size;
    }
  }
}

/** dy's rows cut into the chunks' columns: chunk c holds [n, rowBytes / 4], zero past outF. */
function packChunks(dy: usize, n: i32, outF: i32, vectors: i32, chunks: i32, rowBytes: i32, dst: usize): void {
  let v = 0;
  for (let c = 0; c < chunks; c++) {
    const size = chunkVectors(vectors, chunks, c);
    const o = v << 2;
    const used = min(rowBytes >> 2, outF - o);
    for (let s = 0; s < n; s++) {
      const row = dst + (<usize>c * n + s) * rowBytes;
      memory.copy(row, dy + (<usize>s * outF + o) * 4, <usize>used << 2);
      memory.fill(row + (<usize>used << 2), 0, <usize>(rowBytes - (used << 2)));
    }
    v += size;
  }
}

/**
 * db[o] = Σ_s dy[s, o] from 0 in order of s, four lanes at a time: the dense path's packing sums the rows of
 * dyᵀ so (or one by one for a last partial panel: the same bits).
 */
function columnSums(rows: usize, n: i32, outF: i32, vectors: i32, chunks: i32, rowBytes: i32, db: usize, scratch: usize): void {
  let v = 0;
  for (let c = 0; c < chunks; c++) {
    const size = chunkVectors(vectors, chunks, c);
    for (let t = 0; t < size; t++) {
      let acc = f32x4.splat(0);
      const col = rows + <usize>(c * n) * rowBytes + (<usize>t << 4);
      for (let s = 0; s < n; s++) acc = f32x4.add(acc, v128.load(col + <usize>s * rowBytes));
      v128.store(scratch, acc);
      const o = (v + t) << 2;
      for (let l = 0; l < 4 && o + l < outF; l++) store<f32>(db + (<usize>(o + l) << 2), load<f32>(scratch + (<usize>l << 2)));
    }
    v += size;
  }
}

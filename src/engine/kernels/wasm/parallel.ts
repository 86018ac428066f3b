// Splitting one gemm across threads that share the wasm memory; the threads themselves are injected by the host.

/**
 * Helper threads that run the module's gemm export over the same memory (Node: worker_threads, see
 * src/main/wasm/gemm-threads.ts). The engine only sees this interface.
 */
export interface ParallelGemm {
  /** How many helper threads there are (the calling thread works too). */
  readonly helpers: number;
  /**
   * Runs every part: the helpers and the calling thread claim parts one at a time, the caller running
   * its claims through `runHere`, helper h with workspace `workspaces[h]`. Returns when all are done.
   * A helper that is slow to wake (its core busy) thus costs at most the part it claimed.
   */
  run(parts: readonly GemmPart[], workspaces: readonly number[], runHere: (part: GemmPart) => void): void;
}

/** One part of a split gemm: the raw export's arguments except the workspace pointer. */
export type GemmPart = [transA: number, transB: number, m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, beta: number];

/**
 * Splits C into up to `parts` bands, by rows when n ≤ m (each part then packs all of B, the smaller
 * operand) else by columns, in multiples of 4 rows or 16 columns (whole micro-tiles; a column cut on a
 * 64-byte boundary keeps threads off each other's cache lines). Returns [job] if C is too small to split.
 */
// NOTE: every C entry is summed in the same order whatever the split, so results are bit-identical to one thread.
export function splitGemm(job: GemmPart, parts: number): GemmPart[] {
  const [transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta] = job;
  const byRows = n <= m;
  const total = byRows ? m : n;
  const unit = byRows ? 4 : 16;
  const units = Math.ceil(total / unit);
  const count = Math.min(parts, units);
  if (count < 2) return [job];
  const out: GemmPart[] = [];
  let start = 0;
  for (let p = 0; p < count; p++) {
    const end = Math.min(total, Math.round(((p + 1) * units) / count) * unit);
    const size = end - start;
    if (byRows) {
      const aOff = transA ? start * 4 : start * lda * 4;
      out.push([transA, transB, size, n, k, a + aOff, lda, b, ldb, c + start * ldc * 4, ldc, beta]);
    } else {
      const bOff = transB ? start * ldb * 4 : start * 4;
      out.push([transA, transB, m, size, k, a, lda, b + bOff, ldb, c + start * 4, ldc, beta]);
    }
    start = end;
  }
  return out;
}

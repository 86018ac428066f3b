// Reference GEMM: the obvious triple loop, kept simple because every fast kernel is tested against it.

/** C = op(A)·op(B) + beta·C; see Kernels.gemm for the layouts. */
export function gemmReference(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  beta: 0 | 1,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * m + i]! : a[i * k + p]!;
        const bv = transB ? b[j * k + p]! : b[p * n + j]!;
        sum += av * bv;
      }
      c[i * n + j] = beta === 0 ? sum : c[i * n + j]! + sum;
    }
  }
}

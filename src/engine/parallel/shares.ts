// How a data-parallel run divides its work: samples of each batch, and the gradient values each replica sums.

/** Replica r's samples of a batch of n: [start, end), contiguous, sizes differing by at most one. */
export function batchShare(n: number, replicas: number, r: number): [start: number, end: number] {
  return [Math.floor((r * n) / replicas), Math.floor(((r + 1) * n) / replicas)];
}

/**
 * Replica r's range of a gradient of `length` values for the sum over replicas: contiguous, cut on
 * 16-value (64-byte) boundaries so no two threads write the same cache line.
 */
export function sumRange(length: number, replicas: number, r: number): [start: number, end: number] {
  const cut = (i: number) => (i >= replicas ? length : Math.min(length, Math.round((i * length) / replicas / 16) * 16));
  return [cut(r), cut(r + 1)];
}

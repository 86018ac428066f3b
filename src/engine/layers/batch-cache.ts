// Per-batch-size buffer sets: the smaller last batch of an epoch (or an evaluation batch) gets its own
// set, so alternating between a few sizes never allocates after the first batch of each size.

/**
 * A least-recently-used map from batch size to whatever `make(n)` builds for it.
 * NOTE: evicted entries are dropped, not freed — Kernels has no `free`, so with a wasm bump allocator
 * an eviction leaks its buffers. Hence the small capacity: train, last-train, eval and last-eval sizes.
 */
export class BatchCache<T> {
  private readonly entries = new Map<number, T>();
  private last = -1;

  constructor(
    private readonly make: (n: number) => T,
    private readonly capacity = 4,
  ) {}

  get(n: number): T {
    const hit = this.entries.get(n);
    if (hit !== undefined) {
      if (n !== this.last) {
        // A Map iterates in insertion order: re-inserting marks the entry most recently used.
        this.entries.delete(n);
        this.entries.set(n, hit);
        this.last = n;
      }
      return hit;
    }
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
    const made = this.make(n);
    this.entries.set(n, made);
    this.last = n;
    return made;
  }

  /** Batch sizes currently held, least recently used first. */
  sizes(): number[] {
    return [...this.entries.keys()];
  }
}

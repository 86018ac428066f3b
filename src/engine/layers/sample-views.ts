// Per-sample subarray views of a batch buffer, cached by buffer identity: the kernels take whole arrays,
// and creating subarrays every step would allocate on the hot path.

export class SampleViews {
  private readonly cache = new WeakMap<Float32Array, Float32Array[]>();

  /** `stride`: values per sample. */
  constructor(private readonly stride: number) {}

  /** Views [0, n) of `buf`, each `stride` long; rebuilt only for a buffer not seen before. */
  of(buf: Float32Array, n: number): readonly Float32Array[] {
    let views = this.cache.get(buf);
    if (views === undefined || views.length < n) {
      views = [];
      for (let i = 0; i < n; i++) views.push(buf.subarray(i * this.stride, (i + 1) * this.stride));
      this.cache.set(buf, views);
    }
    return views;
  }
}

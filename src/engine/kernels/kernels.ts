// The hot kernels behind every layer: one interface, a plain-TS reference and a WebAssembly SIMD backend.
//
// All arrays are row-major and may be subarray views. A backend allocates the buffers it works on
// fastest (the wasm backend hands out views into its own memory, so no copies cross the boundary).

export interface Kernels {
  /** Which implementation this is, e.g. "reference", "wasm-simd", "wasm-relaxed-simd". */
  readonly name: string;

  /** A zeroed float32 buffer of `n` values that this backend reads and writes without copying. */
  alloc(n: number): Float32Array;
  /** A zeroed int32 buffer of `n` values (indices such as max-pool argmax). */
  allocInt32(n: number): Int32Array;

  /**
   * C = op(A)·op(B) + beta·C with op(A): [m, k], op(B): [k, n], C: [m, n].
   * A is stored [m, k], or [k, m] when `transA`; B is stored [k, n], or [n, k] when `transB`.
   * beta is 0 (overwrite C) or 1 (accumulate into C).
   */
  gemm(transA: boolean, transB: boolean, m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, beta: 0 | 1): void;

  /**
   * Unfolds one image for convolution. x: [c, h, w] → cols: [c·kh·kw, oh·ow]
   * with oh = (h + 2·pad − kh) / stride + 1 (likewise ow); padding reads as zero.
   */
  im2col(x: Float32Array, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number, cols: Float32Array): void;

  /** The adjoint of im2col: dx: [c, h, w] = sum of cols: [c·kh·kw, oh·ow] folded back (dx is overwritten). */
  col2im(cols: Float32Array, c: number, h: number, w: number, kh: number, kw: number, stride: number, pad: number, dx: Float32Array): void;

  /**
   * Max pooling over `planes` independent [h, w] planes, window `size`, step `stride`, no padding.
   * x: [planes, h, w] → y: [planes, oh, ow]; argmax receives, per output, the flat index into x.
   */
  maxPoolForward(x: Float32Array, planes: number, h: number, w: number, size: number, stride: number, y: Float32Array, argmax: Int32Array): void;

  /** dx (overwritten, same size as x) receives dy routed through argmax. */
  maxPoolBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array): void;

  /** y = max(0, x) value by value (NaN stays NaN); x and y have the same length. */
  reluForward(x: Float32Array, y: Float32Array): void;

  /** dx = dy where x > 0, else 0 (the gradient at exactly 0 is 0, as in PyTorch). */
  reluBackward(x: Float32Array, dy: Float32Array, dx: Float32Array): void;

  /** Σ x² (the L2 penalty's sum), accumulated in float64. */
  sumSquares(x: Float32Array): number;

  /** y += alpha · x (e.g. the L2 gradient 2λw added to a weight's grad); x and y have the same length. */
  axpy(alpha: number, x: Float32Array, y: Float32Array): void;

  /** One momentum step in velocity form, in float32: v ← β·v − lr·g; w ← w + v (all the same length). */
  momentumStep(w: Float32Array, g: Float32Array, v: Float32Array, beta: number, lr: number): void;

  /**
   * One Adam step in float32 with the bias corrections folded into `step`: m ← β1·m + (1−β1)·g;
   * v ← β2·v + (1−β2)·g²; w ← w − step.lr·m / (√v·step.invSqrtC2 + step.eps) (all the same length).
   */
  adamStep(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, step: AdamStep): void;
}

/** Adam's scalars for one step: the betas, lr/(1−β1^t), 1/√(1−β2^t), and ε. */
export interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly lr: number;
  readonly invSqrtC2: number;
  readonly eps: number;
}

/** Output side of a convolution or pooling window sweep. */
export function convOutSize(size: number, kernel: number, stride: number, pad: number): number {
  return Math.floor((size + 2 * pad - kernel) / stride) + 1;
}

// Every kernel by name with its fixed signature. Arrays are row-major and may be subarray views.
// Primitives have a plain reference; fused ops also have a composition of primitives (see registry.ts).

/** Geometry of a 2-D convolution, batch excluded; see convGeometry. */
export interface ConvGeometry {
  /** Input channels, height, width. */
  readonly c: number;
  readonly h: number;
  readonly w: number;
  /** Output channels. */
  readonly filters: number;
  /** Kernel height and width, stride, zero padding on every side. */
  readonly kh: number;
  readonly kw: number;
  readonly stride: number;
  readonly pad: number;
  /** Output height and width: ⌊(h + 2·pad − kh)/stride⌋ + 1, likewise for w. */
  readonly oh: number;
  readonly ow: number;
}

/** A max-pooling window: size × size, moved by stride (no padding); see pooledSize. */
export interface PoolWindow {
  readonly size: number;
  readonly stride: number;
}

/** Adam's scalars for one step: the betas, lr/(1−β1^t), 1/√(1−β2^t), and ε. */
export interface AdamStep {
  readonly beta1: number;
  readonly beta2: number;
  readonly lr: number;
  readonly invSqrtC2: number;
  readonly eps: number;
}

/** The primitives: each has a plain-TypeScript reference in ./reference. */
export interface PrimitiveOps {
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
  /**
   * The gradient of ReLU(maxpool(x)), which equals maxpool(ReLU(x)): dx (overwritten, like x: [planes, h, w])
   * receives dy routed through argmax only where the pooled output y is > 0; y, dy and argmax are
   * [planes, oh, ow] from maxPoolForward with the same geometry.
   */
  maxPoolReluBackward(
    dy: Float32Array,
    argmax: Int32Array,
    y: Float32Array,
    planes: number,
    h: number,
    w: number,
    size: number,
    stride: number,
    dx: Float32Array,
  ): void;
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
  /** dst[k·size, (k+1)·size) = src[rows[k]·size, (rows[k]+1)·size) for every k < rows.length (a mini-batch's examples). */
  gatherRows(src: Float32Array, rows: Uint32Array, size: number, dst: Float32Array): void;
}

/** The fused ops a layer or optimizer calls: each is also defined as a composition of primitives (./composed.ts). */
export interface FusedOps {
  /**
   * The L2 gradient folded into momentumStep (one pass): g ← g + decay·w, rounded as axpy(decay, w, g)
   * rounds it and kept in g as that leaves it, then momentumStep(w, g, v, beta, lr).
   */
  momentumStepL2(w: Float32Array, g: Float32Array, v: Float32Array, beta: number, lr: number, decay: number): void;
  /** Likewise for adamStep: g ← g + decay·w (kept in g), then adamStep(w, g, m, v, step). */
  adamStepL2(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, step: AdamStep, decay: number): void;
  /** y = act(x·Wᵀ + b): x [n, in], w [out, in], b [out], y [n, out]; act is ReLU when `relu`. */
  linearForward(n: number, inFeatures: number, outFeatures: number, x: Float32Array, w: Float32Array, b: Float32Array, relu: boolean, y: Float32Array): void;
  /** dw = dyᵀ·x and db = Σ over the batch of dy (both overwritten): dy [n, out], x [n, in], dw [out, in], db [out]. */
  linearParamGrads(n: number, inFeatures: number, outFeatures: number, dy: Float32Array, x: Float32Array, dw: Float32Array, db: Float32Array): void;
  /** y = act(conv(x, w) + b): x [n, c, h, w], w [filters, c, kh, kw], b [filters], y [n, filters, oh, ow]. */
  conv2dForward(g: ConvGeometry, n: number, x: Float32Array, w: Float32Array, b: Float32Array, relu: boolean, y: Float32Array): void;
  /** dw and db of a convolution over the whole batch (both overwritten): x [n, c, h, w], dy [n, filters, oh, ow]. */
  conv2dParamGrads(g: ConvGeometry, n: number, x: Float32Array, dy: Float32Array, dw: Float32Array, db: Float32Array): void;
  /** dx [n, c, h, w] (overwritten) of a convolution from dy [n, filters, oh, ow] and w [filters, c, kh, kw]. */
  conv2dInputGrad(g: ConvGeometry, n: number, dy: Float32Array, w: Float32Array, dx: Float32Array): void;
  /**
   * The conv → ReLU → max-pool block: y, argmax [n, filters, ph, pw] = maxpool(ReLU(conv(x, w) + b)),
   * argmax indexing each image's [filters, oh, ow] convolution output (which need not be kept).
   */
  conv2dReluPoolForward(
    g: ConvGeometry,
    pool: PoolWindow,
    n: number,
    x: Float32Array,
    w: Float32Array,
    b: Float32Array,
    y: Float32Array,
    argmax: Int32Array,
  ): void;
  /** dw and db (overwritten) of the block from its pooled gradient dy: [n, filters, ph, pw], with the forward's y and argmax. */
  conv2dReluPoolParamGrads(
    g: ConvGeometry,
    pool: PoolWindow,
    n: number,
    x: Float32Array,
    dy: Float32Array,
    argmax: Int32Array,
    y: Float32Array,
    dw: Float32Array,
    db: Float32Array,
  ): void;
  /** dx [n, c, h, w] (overwritten) of the block from its pooled gradient dy, with the forward's y and argmax. */
  conv2dReluPoolInputGrad(
    g: ConvGeometry,
    pool: PoolWindow,
    n: number,
    dy: Float32Array,
    argmax: Int32Array,
    y: Float32Array,
    w: Float32Array,
    dx: Float32Array,
  ): void;
}

export interface KernelOps extends PrimitiveOps, FusedOps {}

export type KernelName = keyof KernelOps;

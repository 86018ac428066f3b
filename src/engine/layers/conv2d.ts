// 2-D convolution (NCHW, stride, zero padding) as im2col + GEMM per sample; W stored [F, C, kh, kw] as in PyTorch.
import { EngineError, ShapeError } from '../errors';
import { initWeight } from '../init';
import { convOutSize, type Kernels } from '../kernels/kernels';
import type { LayerSpec } from '../models/spec';
import { expectShape, shapeToString, Tensor, type Shape } from '../tensor';
import { BatchCache } from './batch-cache';
import type { BuildContext, Layer, Param } from './layer';
import { makeParam } from './param';
import { SampleViews } from './sample-views';
import { nonNegativeInt, positiveInt } from './spec-checks';

interface Buffers {
  y: Tensor;
  /** Every sample's im2col matrix, kept from the training forward for dW; allocated on first training use. */
  cols: Float32Array | null;
  dx: Tensor | null;
}

export class Conv2d implements Layer {
  readonly type = 'conv2d';
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  private kernels: Kernels | null = null;
  private inShape: readonly [number, number, number] = [0, 0, 0];
  private outH = 0;
  private outW = 0;
  private weight!: Param;
  private bias!: Param;
  private cache!: BatchCache<Buffers>;
  /** im2col scratch for evaluation forwards and dcols scratch for backward: one sample each. */
  private scratch!: Float32Array;
  private inViews!: SampleViews;
  private outViews!: SampleViews;
  private colViews!: SampleViews;
  private savedX: Tensor | null = null;
  private saved: Buffers | null = null;

  /** `at` prefixes config errors, e.g. "layers[0]" → "layers[0].kernel: …". */
  constructor(spec: Extract<LayerSpec, { type: 'conv2d' }>, at = 'conv2d') {
    this.filters = positiveInt(at, 'filters', spec.filters);
    this.kernel = positiveInt(at, 'kernel', spec.kernel);
    this.stride = positiveInt(at, 'stride', spec.stride ?? 1);
    this.padding = nonNegativeInt(at, 'padding', spec.padding ?? 0);
  }

  /** inputShape: [C, H, W] → [F, OH, OW], OH = ⌊(H + 2·pad − k)/stride⌋ + 1. */
  outputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3) throw new ShapeError(`conv2d: input must be [C, H, W] per sample, got ${shapeToString(inputShape)}`);
    const [, h, w] = inputShape as [number, number, number];
    const k = this.kernel;
    const oh = convOutSize(h, k, this.stride, this.padding);
    const ow = convOutSize(w, k, this.stride, this.padding);
    if (oh < 1 || ow < 1) {
      throw new ShapeError(`conv2d: a ${k}×${k} kernel with padding ${this.padding} does not fit input ${shapeToString(inputShape)}`);
    }
    return [this.filters, oh, ow];
  }

  /** Params weight [F, C, k, k], bias [F]. */
  build(inputShape: Shape, ctx: BuildContext): Shape {
    const outShape = this.outputShape(inputShape);
    const [c, h, w] = inputShape as [number, number, number];
    const [, oh, ow] = outShape as [number, number, number];
    const k = this.kernel;
    const kernels = ctx.kernels;
    const f = this.filters;
    const rows = c * k * k;
    const pix = oh * ow;
    this.kernels = kernels;
    this.inShape = [c, h, w];
    this.outH = oh;
    this.outW = ow;
    this.weight = makeParam(kernels, `${ctx.prefix}.weight`, [f, c, k, k], 'weight');
    this.bias = makeParam(kernels, `${ctx.prefix}.bias`, [f], 'bias');
    initWeight(this.weight.value, this.weight.shape, ctx.init, ctx.rng);
    this.scratch = kernels.alloc(rows * pix);
    this.inViews = new SampleViews(c * h * w);
    this.outViews = new SampleViews(f * pix);
    this.colViews = new SampleViews(rows * pix);
    const needsDx = ctx.needsInputGrad;
    this.cache = new BatchCache((n) => ({
      y: new Tensor([n, f, oh, ow], kernels.alloc(n * f * pix)),
      cols: null,
      dx: needsDx ? new Tensor([n, c, h, w], kernels.alloc(n * c * h * w)) : null,
    }));
    this.savedX = null;
    this.saved = null;
    return outShape;
  }

  params(): readonly Param[] {
    return this.kernels === null ? [] : [this.weight, this.bias];
  }

  /** x: [N, C, H, W] → y: [N, F, OH, OW]. */
  forward(x: Tensor, training: boolean): Tensor {
    const kern = this.built('forward');
    const [c, h, w] = this.inShape;
    expectShape('conv2d', 'x', x.shape, [-1, c, h, w]);
    const n = x.shape[0]!;
    const k = this.kernel;
    const f = this.filters;
    const rows = c * k * k;
    const pix = this.outH * this.outW;
    const buf = this.cache.get(n);
    if (training && buf.cols === null) buf.cols = kern.alloc(n * rows * pix);
    const xs = this.inViews.of(x.data, n);
    const ys = this.outViews.of(buf.y.data, n);
    const colsAll = training ? this.colViews.of(buf.cols!, n) : null;
    const b = this.bias.value;
    for (let s = 0; s < n; s++) {
      const cols = colsAll === null ? this.scratch : colsAll[s]!;
      kern.im2col(xs[s]!, c, h, w, k, k, this.stride, this.padding, cols);
      const y = ys[s]!;
      // Start every output plane at its bias, then accumulate W·cols onto it (beta = 1).
      for (let j = 0; j < f; j++) y.fill(b[j]!, j * pix, (j + 1) * pix);
      kern.gemm(false, false, f, pix, rows, this.weight.value, cols, y, 1);
    }
    if (training) {
      this.savedX = x;
      this.saved = buf;
    }
    return buf.y;
  }

  /** dy: [N, F, OH, OW] → dx: [N, C, H, W] (null for a first layer); dW = Σₙ dyₙ·colsₙᵀ, db = Σ dy per filter. */
  backward(dy: Tensor): Tensor | null {
    const kern = this.built('backward');
    const buf = this.saved;
    if (this.savedX === null || buf === null || buf.cols === null) {
      throw new EngineError('conv2d: backward called before a training forward');
    }
    const [c, h, w] = this.inShape;
    const n = this.savedX.shape[0]!;
    const k = this.kernel;
    const f = this.filters;
    const rows = c * k * k;
    const pix = this.outH * this.outW;
    expectShape('conv2d', 'dy', dy.shape, [n, f, this.outH, this.outW]);
    const dys = this.outViews.of(dy.data, n);
    const colsAll = this.colViews.of(buf.cols, n);
    const db = this.bias.grad;
    db.fill(0);
    for (let s = 0; s < n; s++) {
      const g = dys[s]!;
      kern.gemm(false, true, f, rows, pix, g, colsAll[s]!, this.weight.grad, s === 0 ? 0 : 1);
      for (let j = 0; j < f; j++) {
        let sum = 0;
        for (let p = j * pix; p < (j + 1) * pix; p++) sum += g[p]!;
        db[j]! += sum;
      }
    }
    if (buf.dx === null) return null;
    const dxs = this.inViews.of(buf.dx.data, n);
    for (let s = 0; s < n; s++) {
      kern.gemm(true, false, rows, pix, f, this.weight.value, dys[s]!, this.scratch, 0);
      kern.col2im(this.scratch, c, h, w, k, k, this.stride, this.padding, dxs[s]!);
    }
    return buf.dx;
  }

  private built(op: string): Kernels {
    if (this.kernels === null) throw new EngineError(`conv2d: ${op} called before build`);
    return this.kernels;
  }
}

// 2-D convolution (NCHW, stride, zero padding) over the whole batch in the kernels; W stored [F, C, kh, kw] as in PyTorch.
import { EngineError, ShapeError } from '../errors';
import { initWeight } from '../init';
import { convGeometry, type ConvGeometry, type Kernels, pooledSize, type PoolWindow } from '../kernels/kernels';
import type { LayerSpec } from '../models/spec';
import { expectShape, shapeToString, Tensor, type Shape } from '../tensor';
import { BatchCache } from './batch-cache';
import type { BuildContext, Layer, Param } from './layer';
import { buildParam } from './param';
import { nonNegativeInt, positiveInt } from './spec-checks';

interface Buffers {
  y: Tensor;
  dx: Tensor | null;
  /** With a fused pool, the training output and its argmax (allocated on first use). */
  pooled: Tensor | null;
  argmax: Int32Array | null;
}

export class Conv2d implements Layer {
  readonly type = 'conv2d';
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  private kernels: Kernels | null = null;
  private geometry!: ConvGeometry;
  private weight!: Param;
  private bias!: Param;
  private cache!: BatchCache<Buffers>;
  private savedX: Tensor | null = null;
  private saved: Buffers | null = null;
  private reluFused = false;
  /** Set when this layer also computes the ReLU and max-pool after it in training (see fuseReLUAndPool). */
  private pool: PoolWindow | null = null;

  /** `at` prefixes config errors, e.g. "layers[0]" → "layers[0].kernel: …". */
  constructor(spec: Extract<LayerSpec, { type: 'conv2d' }>, at = 'conv2d') {
    this.filters = positiveInt(at, 'filters', spec.filters);
    this.kernel = positiveInt(at, 'kernel', spec.kernel);
    this.stride = positiveInt(at, 'stride', spec.stride ?? 1);
    this.padding = nonNegativeInt(at, 'padding', spec.padding ?? 0);
  }

  /** inputShape: [C, H, W] → [F, OH, OW], OH = ⌊(H + 2·pad − k)/stride⌋ + 1. */
  outputShape(inputShape: Shape): Shape {
    const g = this.geometryFor(inputShape);
    return [this.filters, g.oh, g.ow];
  }

  /** Params weight [F, C, k, k], bias [F]. */
  build(inputShape: Shape, ctx: BuildContext): Shape {
    const g = this.geometryFor(inputShape);
    const [c, h, w] = inputShape as [number, number, number];
    const k = this.kernel;
    const kernels = ctx.kernels;
    const f = this.filters;
    this.kernels = kernels;
    this.geometry = g;
    this.weight = buildParam(ctx, `${ctx.prefix}.weight`, [f, c, k, k], 'weight', (w) => initWeight(w, [f, c, k, k], ctx.init, ctx.rng));
    this.bias = buildParam(ctx, `${ctx.prefix}.bias`, [f], 'bias');
    const needsDx = ctx.needsInputGrad;
    this.cache = new BatchCache((n) => ({
      y: new Tensor([n, f, g.oh, g.ow], kernels.alloc(n * f * g.oh * g.ow)),
      dx: needsDx ? new Tensor([n, c, h, w], kernels.alloc(n * c * h * w)) : null,
      pooled: null,
      argmax: null,
    }));
    this.savedX = null;
    this.saved = null;
    return [f, g.oh, g.ow];
  }

  /** The convolution's geometry on `inputShape`, or a ShapeError saying why it does not fit. */
  private geometryFor(inputShape: Shape): ConvGeometry {
    if (inputShape.length !== 3) throw new ShapeError(`conv2d: input must be [C, H, W] per sample, got ${shapeToString(inputShape)}`);
    const [c, h, w] = inputShape as [number, number, number];
    const k = this.kernel;
    const g = convGeometry(c, h, w, this.filters, k, this.stride, this.padding);
    if (g.oh < 1 || g.ow < 1) {
      throw new ShapeError(`conv2d: a ${k}×${k} kernel with padding ${this.padding} does not fit input ${shapeToString(inputShape)}`);
    }
    return g;
  }

  params(): readonly Param[] {
    return this.kernels === null ? [] : [this.weight, this.bias];
  }

  /** From now on the output is ReLU(conv(x) + b), the ReLU taken in the product's epilogue (see models/fuse.ts). */
  fuseReLU(): void {
    this.reluFused = true;
  }

  /**
   * From now on a training forward returns maxpool(ReLU(conv(x) + b)) as the ReLU and max-pool layers after
   * it would (they then pass it on), image by image so the convolution output never leaves the cache;
   * backward takes the pooled gradient. Evaluation forwards stay unfused (see models/fuse.ts).
   */
  fuseReLUAndPool(pool: PoolWindow): void {
    this.reluFused = true;
    this.pool = { size: pool.size, stride: pool.stride };
  }

  /** x: [N, C, H, W] → y: [N, F, OH, OW] (pooled in a training forward after fuseReLUAndPool). */
  forward(x: Tensor, training: boolean): Tensor {
    const kern = this.built('forward');
    const g = this.geometry;
    expectShape('conv2d', 'x', x.shape, [-1, g.c, g.h, g.w]);
    const n = x.shape[0]!;
    const buf = this.cache.get(n);
    if (training && this.pool) {
      const shape = [n, g.filters, pooledSize(g.oh, this.pool), pooledSize(g.ow, this.pool)];
      buf.pooled ??= new Tensor(shape, kern.alloc(shape[0]! * shape[1]! * shape[2]! * shape[3]!));
      buf.argmax ??= kern.allocInt32(buf.pooled.size);
      kern.conv2dReluPoolForward(g, this.pool, n, x.data, this.weight.value, this.bias.value, buf.pooled.data, buf.argmax);
      this.savedX = x;
      this.saved = buf;
      return buf.pooled;
    }
    kern.conv2dForward(g, n, x.data, this.weight.value, this.bias.value, this.reluFused, buf.y.data);
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
    const x = this.savedX;
    if (x === null || buf === null) throw new EngineError('conv2d: backward called before a training forward');
    const g = this.geometry;
    const n = x.shape[0]!;
    const { pooled, argmax } = buf;
    if (this.pool && pooled && argmax) {
      expectShape('conv2d', 'dy (pooled)', dy.shape, pooled.shape);
      kern.conv2dReluPoolParamGrads(g, this.pool, n, x.data, dy.data, argmax, pooled.data, this.weight.grad, this.bias.grad);
      if (buf.dx !== null) kern.conv2dReluPoolInputGrad(g, this.pool, n, dy.data, argmax, pooled.data, this.weight.value, buf.dx.data);
      return buf.dx;
    }
    expectShape('conv2d', 'dy', dy.shape, [n, g.filters, g.oh, g.ow]);
    kern.conv2dParamGrads(g, n, x.data, dy.data, this.weight.grad, this.bias.grad);
    if (buf.dx === null) return null;
    kern.conv2dInputGrad(g, n, dy.data, this.weight.value, buf.dx.data);
    return buf.dx;
  }

  private built(op: string): Kernels {
    if (this.kernels === null) throw new EngineError(`conv2d: ${op} called before build`);
    return this.kernels;
  }
}

// 2-D max pooling over each channel plane (no padding; stride defaults to the window size, as in PyTorch).
import { EngineError, ShapeError } from '../errors';
import { convOutSize, type Kernels } from '../kernels/kernels';
import type { LayerSpec } from '../models/spec';
import { expectShape, shapeToString, Tensor, type Shape } from '../tensor';
import { BatchCache } from './batch-cache';
import type { BuildContext, Layer, Param } from './layer';
import { positiveInt } from './spec-checks';

interface Buffers {
  y: Tensor;
  /** Per output, the flat index into x of the maximum (ties: the first in row-major window order). */
  argmax: Int32Array;
  dx: Tensor | null;
}

export class MaxPool2d implements Layer {
  readonly type = 'maxpool2d';
  readonly size: number;
  readonly stride: number;
  private kernels: Kernels | null = null;
  private inShape: readonly [number, number, number] = [0, 0, 0];
  private outH = 0;
  private outW = 0;
  private cache!: BatchCache<Buffers>;
  private saved: Buffers | null = null;
  private savedN = 0;
  private reluBackwardFused = false;
  private convFused = false;

  constructor(spec: Extract<LayerSpec, { type: 'maxpool2d' }>, at = 'maxpool2d') {
    this.size = positiveInt(at, 'size', spec.size);
    this.stride = positiveInt(at, 'stride', spec.stride ?? spec.size);
  }

  /** inputShape: [C, H, W] → [C, ⌊(H − size)/stride⌋ + 1, ⌊(W − size)/stride⌋ + 1]. */
  outputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3) throw new ShapeError(`maxpool2d: input must be [C, H, W] per sample, got ${shapeToString(inputShape)}`);
    const [c, h, w] = inputShape as [number, number, number];
    if (h < this.size || w < this.size) {
      throw new ShapeError(`maxpool2d: window ${this.size} does not fit input ${shapeToString(inputShape)}`);
    }
    return [c, convOutSize(h, this.size, this.stride, 0), convOutSize(w, this.size, this.stride, 0)];
  }

  build(inputShape: Shape, ctx: BuildContext): Shape {
    const outShape = this.outputShape(inputShape);
    const [c, h, w] = inputShape as [number, number, number];
    const [, oh, ow] = outShape as [number, number, number];
    const kernels = ctx.kernels;
    const needsDx = ctx.needsInputGrad;
    this.kernels = kernels;
    this.inShape = [c, h, w];
    this.outH = oh;
    this.outW = ow;
    // NOTE: argmax must be exactly as long as y: the backward kernel routes argmax.length values.
    this.cache = new BatchCache((n) => ({
      y: new Tensor([n, c, oh, ow], kernels.alloc(n * c * oh * ow)),
      argmax: kernels.allocInt32(n * c * oh * ow),
      dx: needsDx ? new Tensor([n, c, h, w], kernels.alloc(n * c * h * w)) : null,
    }));
    this.saved = null;
    return outShape;
  }

  params(): readonly Param[] {
    return [];
  }

  /**
   * From now on backward also applies the ReLU before this layer (which then passes its gradient through):
   * dy is routed only where the pooled output is > 0, exact since ReLU and max commute (see models/fuse.ts).
   */
  fuseReLUBackward(): void {
    this.reluBackwardFused = true;
  }

  /**
   * From now on the conv layer two before (with a ReLU between) pools in training: a training forward gets
   * its pooled output and passes it on, backward passes dy on (see Conv2d.fuseReLUAndPool).
   */
  fusedIntoConv(): void {
    this.convFused = true;
  }

  /** x: [N, C, H, W] → y: [N, C, OH, OW]. */
  forward(x: Tensor, training: boolean): Tensor {
    const kern = this.built('forward');
    const [c, h, w] = this.inShape;
    if (training && this.convFused) {
      expectShape('maxpool2d', 'x (pooled by the conv layer)', x.shape, [-1, c, this.outH, this.outW]);
      this.savedN = x.shape[0]!;
      return x;
    }
    expectShape('maxpool2d', 'x', x.shape, [-1, c, h, w]);
    const n = x.shape[0]!;
    const buf = this.cache.get(n);
    kern.maxPoolForward(x.data, n * c, h, w, this.size, this.stride, buf.y.data, buf.argmax);
    if (training) {
      this.saved = buf;
      this.savedN = n;
    }
    return buf.y;
  }

  /** dy: [N, C, OH, OW] → dx: [N, C, H, W], each dy routed to its window's maximum (others get 0). */
  backward(dy: Tensor): Tensor | null {
    const kern = this.built('backward');
    if (this.convFused) {
      expectShape('maxpool2d', 'dy', dy.shape, [this.savedN, this.inShape[0], this.outH, this.outW]);
      return dy;
    }
    const buf = this.saved;
    if (buf === null) throw new EngineError('maxpool2d: backward called before a training forward');
    expectShape('maxpool2d', 'dy', dy.shape, [this.savedN, this.inShape[0], this.outH, this.outW]);
    if (buf.dx === null) return null;
    const [c, h, w] = this.inShape;
    if (this.reluBackwardFused) kern.maxPoolReluBackward(dy.data, buf.argmax, buf.y.data, this.savedN * c, h, w, this.size, this.stride, buf.dx.data);
    else kern.maxPoolBackward(dy.data, buf.argmax, buf.dx.data);
    return buf.dx;
  }

  private built(op: string): Kernels {
    if (this.kernels === null) throw new EngineError(`maxpool2d: ${op} called before build`);
    return this.kernels;
  }
}

// Inverted dropout: in training, zero each value with probability `rate` and scale survivors by 1/(1 − rate).
import { EngineError } from '../errors';
import type { Kernels } from '../kernels/kernels';
import type { LayerSpec } from '../models/spec';
import type { Rng } from '../random';
import { expectShape, sizeOf, Tensor, type Shape } from '../tensor';
import { BatchCache } from './batch-cache';
import type { BuildContext, Layer, Param } from './layer';
import { numberInRange } from './spec-checks';

interface Buffers {
  y: Tensor;
  /** Per value 0 or 1/(1 − rate): both the forward multiplier and the local gradient. */
  mask: Float32Array;
  dx: Tensor | null;
}

export class Dropout implements Layer {
  readonly type = 'dropout';
  readonly rate: number;
  private kernels: Kernels | null = null;
  private rng!: Rng;
  private inShape: Shape = [];
  private cache!: BatchCache<Buffers>;
  private saved: Buffers | null = null;
  private needsInputGrad = false;

  constructor(spec: Extract<LayerSpec, { type: 'dropout' }>, at = 'dropout') {
    this.rate = numberInRange(at, 'rate', spec.rate, 0, 1);
  }

  /** Shape-preserving. */
  outputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  /** Masks are drawn from ctx.rng, so a seeded run drops the same units. */
  build(inputShape: Shape, ctx: BuildContext): Shape {
    const kernels = ctx.kernels;
    const per = sizeOf(inputShape);
    const needsDx = ctx.needsInputGrad;
    this.kernels = kernels;
    this.rng = ctx.rng;
    this.inShape = [...inputShape];
    this.needsInputGrad = needsDx;
    this.cache = new BatchCache((n) => ({
      y: new Tensor([n, ...inputShape], kernels.alloc(n * per)),
      mask: kernels.alloc(n * per),
      dx: needsDx ? new Tensor([n, ...inputShape], kernels.alloc(n * per)) : null,
    }));
    this.saved = null;
    return this.outputShape(inputShape);
  }

  params(): readonly Param[] {
    return [];
  }

  /** The stream the masks are drawn from: a checkpoint saves and restores its state. */
  get maskRng(): Rng {
    return this.rng;
  }

  /** x: [N, ...shape] → same shape. Outside training this is the identity and returns x itself (no copy). */
  forward(x: Tensor, training: boolean): Tensor {
    if (this.kernels === null) throw new EngineError('dropout: forward called before build');
    expectShape('dropout', 'x', x.shape, [-1, ...this.inShape]);
    if (!training) return x;
    const buf = this.cache.get(x.shape[0]!);
    this.saved = buf;
    const keep = 1 - this.rate;
    const scale = 1 / keep;
    const m = buf.mask;
    const xs = x.data;
    const y = buf.y.data;
    for (let i = 0; i < xs.length; i++) {
      // uniform() is in [0, 1): P(u < keep) = keep; at rate 0 every value survives with scale 1.
      const v = this.rng.uniform() < keep ? scale : 0;
      m[i] = v;
      y[i] = xs[i]! * v;
    }
    return buf.y;
  }

  /** dy → dx = dy · mask (null for a first layer). */
  backward(dy: Tensor): Tensor | null {
    const buf = this.saved;
    if (buf === null) throw new EngineError('dropout: backward called before a training forward');
    expectShape('dropout', 'dy', dy.shape, buf.y.shape);
    if (!this.needsInputGrad || buf.dx === null) return null;
    const m = buf.mask;
    const g = dy.data;
    const dx = buf.dx.data;
    for (let i = 0; i < g.length; i++) dx[i] = g[i]! * m[i]!;
    return buf.dx;
  }
}

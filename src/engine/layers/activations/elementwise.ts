// Shared machinery of the element-wise activations: buffers, shape checks and the saved x/y for backward.
import { EngineError } from '../../errors';
import type { Kernels } from '../../kernels/kernels';
import { expectShape, sizeOf, Tensor, type Shape } from '../../tensor';
import { BatchCache } from '../batch-cache';
import type { BuildContext, Layer, Param } from '../layer';

interface Buffers {
  y: Tensor;
  dx: Tensor | null;
}

/**
 * An activation y = f(x) applied value by value. Subclasses supply the loops; backward gets both the
 * saved input and output (each activation reads whichever gives the cheaper derivative).
 */
export abstract class ElementwiseActivation implements Layer {
  abstract readonly type: string;
  protected kernels: Kernels | null = null;
  private inShape: Shape = [];
  private cache!: BatchCache<Buffers>;
  private savedX: Tensor | null = null;
  private saved: Buffers | null = null;
  private needsInputGrad = false;
  /** Set when a neighbour does this activation's work (see models/fuse.ts): forward returns x as is. */
  protected forwardIsIdentity = false;
  /** Likewise for backward: dy is returned as is. */
  protected backwardIsIdentity = false;

  /** y[i] = f(x[i]) for i < x.length. */
  protected abstract apply(x: Float32Array, y: Float32Array): void;
  /** dx[i] = f′(x[i]) · dy[i], with y = f(x) available. */
  protected abstract derive(x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array): void;

  /** Shape-preserving. */
  outputShape(inputShape: Shape): Shape {
    return [...inputShape];
  }

  build(inputShape: Shape, ctx: BuildContext): Shape {
    const kernels = ctx.kernels;
    const per = sizeOf(inputShape);
    const needsDx = ctx.needsInputGrad;
    this.needsInputGrad = needsDx;
    this.kernels = kernels;
    this.inShape = [...inputShape];
    this.cache = new BatchCache((n) => ({
      y: new Tensor([n, ...inputShape], kernels.alloc(n * per)),
      dx: needsDx ? new Tensor([n, ...inputShape], kernels.alloc(n * per)) : null,
    }));
    this.savedX = null;
    this.saved = null;
    return this.outputShape(inputShape);
  }

  params(): readonly Param[] {
    return [];
  }

  /** x: [N, ...shape] → y: [N, ...shape]. */
  forward(x: Tensor, training: boolean): Tensor {
    if (this.kernels === null) throw new EngineError(`${this.type}: forward called before build`);
    // NOTE: fused, x comes from the layer that did the work, and may be pooled already (conv → ReLU → pool).
    if (this.forwardIsIdentity && training && this.backwardIsIdentity) {
      this.savedX = x;
      return x;
    }
    expectShape(this.type, 'x', x.shape, [-1, ...this.inShape]);
    const buf = this.cache.get(x.shape[0]!);
    if (!this.forwardIsIdentity) this.apply(x.data, buf.y.data);
    if (training) {
      this.savedX = x;
      this.saved = buf;
    }
    return this.forwardIsIdentity ? x : buf.y;
  }

  /** dy: [N, ...shape] → dx: [N, ...shape] (null for a first layer). */
  backward(dy: Tensor): Tensor | null {
    if (this.savedX === null) throw new EngineError(`${this.type}: backward called before a training forward`);
    if (this.backwardIsIdentity) return this.needsInputGrad ? dy : null;
    const buf = this.saved;
    if (buf === null) throw new EngineError(`${this.type}: backward called before a training forward`);
    expectShape(this.type, 'dy', dy.shape, buf.y.shape);
    if (buf.dx === null) return null;
    this.derive(this.savedX.data, buf.y.data, dy.data, buf.dx.data);
    return buf.dx;
  }
}

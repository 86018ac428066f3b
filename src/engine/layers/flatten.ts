// Flattens each sample to one dimension: a view, no copy ([N, C, H, W] → [N, C·H·W]).
import { EngineError } from '../errors';
import type { LayerSpec } from '../models/spec';
import { expectShape, sizeOf, Tensor, type Shape } from '../tensor';
import type { BuildContext, Layer, Param } from './layer';

export class Flatten implements Layer {
  readonly type = 'flatten';
  private inShape: Shape | null = null;
  private features = 0;
  private needsInputGrad = false;
  private savedN = 0;
  // The last views handed out, reused while the same buffer comes back (it does, step after step).
  private lastY: Tensor | null = null;
  private lastDx: Tensor | null = null;

  // The spec has no fields; `at` is accepted for symmetry with the other layers.
  constructor(_spec: Extract<LayerSpec, { type: 'flatten' }> = { type: 'flatten' }, _at = 'flatten') {}

  /** inputShape: [...dims] → [product of dims]. */
  outputShape(inputShape: Shape): Shape {
    return [sizeOf(inputShape)];
  }

  build(inputShape: Shape, ctx: BuildContext): Shape {
    this.inShape = [...inputShape];
    this.features = this.outputShape(inputShape)[0]!;
    this.needsInputGrad = ctx.needsInputGrad;
    this.lastY = null;
    this.lastDx = null;
    return [this.features];
  }

  params(): readonly Param[] {
    return [];
  }

  /** x: [N, ...dims] → [N, features], sharing x's data. */
  forward(x: Tensor, training: boolean): Tensor {
    const inShape = this.built('forward');
    expectShape('flatten', 'x', x.shape, [-1, ...inShape]);
    const n = x.shape[0]!;
    if (training) this.savedN = n;
    if (this.lastY === null || this.lastY.data !== x.data) this.lastY = new Tensor([n, this.features], x.data);
    return this.lastY;
  }

  /** dy: [N, features] → dx: [N, ...dims], sharing dy's data (null for a first layer). */
  backward(dy: Tensor): Tensor | null {
    const inShape = this.built('backward');
    expectShape('flatten', 'dy', dy.shape, [this.savedN, this.features]);
    if (!this.needsInputGrad) return null;
    if (this.lastDx === null || this.lastDx.data !== dy.data) this.lastDx = new Tensor([this.savedN, ...inShape], dy.data);
    return this.lastDx;
  }

  private built(op: string): Shape {
    if (this.inShape === null) throw new EngineError(`flatten: ${op} called before build`);
    return this.inShape;
  }
}

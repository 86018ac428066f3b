// A model as an ordered list of built layers: forward runs them in order, backward in reverse.
import type { Kernels } from '../kernels/kernels';
import type { Layer, Param } from '../layers/layer';
import type { Shape, Tensor } from '../tensor';
import type { ModelSpec } from './spec';

export class Sequential {
  private readonly allParams: readonly Param[];

  constructor(
    readonly spec: ModelSpec,
    /** The backend every layer computes with; inputs are fastest in its memory (kernels.alloc). */
    readonly kernels: Kernels,
    readonly layers: readonly Layer[],
    /** Shape of one output sample of each layer, e.g. [[784], [128], [128], …, [10]]. */
    readonly layerShapes: readonly Shape[],
  ) {
    this.allParams = layers.flatMap((l) => l.params());
  }

  /** Shape of one output sample, e.g. [10]. */
  get outputShape(): Shape {
    return this.layerShapes.at(-1) ?? this.spec.input;
  }

  params(): readonly Param[] {
    return this.allParams;
  }

  /** x: [N, ...spec.input] → logits [N, ...outputShape] (a buffer reused by the last layer). */
  forward(x: Tensor, training: boolean): Tensor {
    let y = x;
    for (const layer of this.layers) y = layer.forward(y, training);
    return y;
  }

  /** Back-propagates dL/dlogits through every layer, leaving each param's grad filled. */
  backward(dLogits: Tensor): void {
    let g: Tensor | null = dLogits;
    for (let i = this.layers.length - 1; i >= 0 && g !== null; i--) g = this.layers[i]!.backward(g);
  }

  /** Total number of trainable values. */
  parameterCount(): number {
    return this.allParams.reduce((n, p) => n + p.value.length, 0);
  }
}

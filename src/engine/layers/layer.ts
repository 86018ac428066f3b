// The contract every layer keeps: build once, then forward and backward over batches.
import type { Kernels } from '../kernels/kernels';
import type { Rng } from '../random';
import type { Shape, Tensor } from '../tensor';

/** A trainable array and its gradient (same length), both allocated by the kernels backend. */
export interface Param {
  /** Unique within a model, e.g. "layers.0.weight" (PyTorch-style, used in safetensors). */
  readonly name: string;
  readonly shape: Shape;
  readonly value: Float32Array;
  readonly grad: Float32Array;
  /** Weights are L2-regularised; biases are not. */
  readonly role: 'weight' | 'bias';
}

/** A concrete weight initialisation (models/init-choice.ts turns a spec's `auto` into He or Xavier). */
export type InitScheme = { readonly type: 'he' } | { readonly type: 'xavier' } | { readonly type: 'normal'; readonly std: number };

export interface BuildContext {
  readonly kernels: Kernels;
  /** Seeded source for this layer's initial weights and any randomness it needs later (dropout). */
  readonly rng: Rng;
  readonly init: InitScheme;
  /** False for the first layer: nothing needs dL/dx there, so backward skips computing it. */
  readonly needsInputGrad: boolean;
  /** Parameter name prefix, e.g. "layers.0". */
  readonly prefix: string;
  /** Values to use, by param name, instead of allocating and initialising them (a data-parallel helper's, replica 0's). */
  readonly sharedValues?: ReadonlyMap<string, Float32Array>;
}

export interface Layer {
  /** Registry name of the layer type, e.g. "linear". */
  readonly type: string;

  /**
   * The shape of one output sample for one input sample's shape, allocating nothing (models are checked with
   * it before they are built). @throws ShapeError when the input does not fit the layer.
   */
  outputShape(inputShape: Shape): Shape;

  /** Allocates parameters and returns outputShape(inputShape). */
  build(inputShape: Shape, ctx: BuildContext): Shape;

  params(): readonly Param[];

  /**
   * x: [N, ...inputShape] → [N, ...outputShape]. The result lives in a buffer the layer owns and
   * reuses on the next call; `training` switches dropout and what is saved for backward.
   */
  forward(x: Tensor, training: boolean): Tensor;

  /**
   * dy: [N, ...outputShape] (for the batch of the last training forward) → dx: [N, ...inputShape],
   * or null when built with needsInputGrad false. Overwrites (does not accumulate) param grads.
   */
  backward(dy: Tensor): Tensor | null;
}

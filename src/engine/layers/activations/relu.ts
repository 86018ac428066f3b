// ReLU: y = max(0, x).
import type { LayerSpec } from '../../models/spec';
import { ElementwiseActivation } from './elementwise';

export class ReLU extends ElementwiseActivation {
  readonly type = 'relu';

  constructor(_spec: Extract<LayerSpec, { type: 'relu' }> = { type: 'relu' }, _at = 'relu') {
    super();
  }

  /** The layer before computes ReLU in its output already: forward returns its (rectified) input. */
  fusedIntoPrevious(): void {
    this.forwardIsIdentity = true;
  }

  /** The layer after applies ReLU's mask in its own backward: backward passes dy through. */
  fusedIntoNext(): void {
    this.backwardIsIdentity = true;
  }

  // NOTE: backward masks by x > 0, which is the same mask when x is the already rectified input.
  // The loops live in the kernels (SIMD in wasm): activation signs are close to random, so a per-value
  // branch in JS mispredicts half the time, and ReLU runs on 17k values per image in the CNN.
  protected apply(x: Float32Array, y: Float32Array): void {
    this.kernels!.reluForward(x, y);
  }

  protected derive(x: Float32Array, _y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    this.kernels!.reluBackward(x, dy, dx);
  }
}

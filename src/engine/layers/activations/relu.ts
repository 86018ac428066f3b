// ReLU: y = max(0, x).
import type { LayerSpec } from '../../models/spec';
import { ElementwiseActivation } from './elementwise';

export class ReLU extends ElementwiseActivation {
  readonly type = 'relu';

  constructor(_spec: Extract<LayerSpec, { type: 'relu' }> = { type: 'relu' }, _at = 'relu') {
    super();
  }

  // The loops live in the kernels (SIMD in wasm): activation signs are close to random, so a per-value
  // branch in JS mispredicts half the time, and ReLU runs on 17k values per image in the CNN.
  protected apply(x: Float32Array, y: Float32Array): void {
    this.kernels!.reluForward(x, y);
  }

  protected derive(x: Float32Array, _y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    this.kernels!.reluBackward(x, dy, dx);
  }
}

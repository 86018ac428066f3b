// ReLU: y = max(0, x).
import type { LayerSpec } from '../../models/spec';
import { ElementwiseActivation } from './elementwise';

export class ReLU extends ElementwiseActivation {
  readonly type = 'relu';

  constructor(_spec: Extract<LayerSpec, { type: 'relu' }> = { type: 'relu' }, _at = 'relu') {
    super();
  }

  protected apply(x: Float32Array, y: Float32Array): void {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      y[i] = v > 0 ? v : 0;
    }
  }

  protected derive(x: Float32Array, _y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    // NOTE: the gradient at exactly 0 is taken as 0 (as PyTorch does), so dead inputs pass nothing back.
    for (let i = 0; i < x.length; i++) dx[i] = x[i]! > 0 ? dy[i]! : 0;
  }
}

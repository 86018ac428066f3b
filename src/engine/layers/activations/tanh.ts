// Hyperbolic tangent: y = tanh(x).
import type { LayerSpec } from '../../models/spec';
import { ElementwiseActivation } from './elementwise';

export class Tanh extends ElementwiseActivation {
  readonly type = 'tanh';

  constructor(_spec: Extract<LayerSpec, { type: 'tanh' }> = { type: 'tanh' }, _at = 'tanh') {
    super();
  }

  protected apply(x: Float32Array, y: Float32Array): void {
    // Math.tanh saturates cleanly to ±1 for large |x| (no e^x overflow).
    for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]!);
  }

  protected derive(_x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    // tanh′ = 1 − tanh², from the saved output.
    for (let i = 0; i < y.length; i++) {
      const t = y[i]!;
      dx[i] = dy[i]! * (1 - t * t);
    }
  }
}

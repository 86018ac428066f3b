// Logistic sigmoid: y = 1 / (1 + e^(−x)).
import type { LayerSpec } from '../../models/spec';
import { ElementwiseActivation } from './elementwise';

export class Sigmoid extends ElementwiseActivation {
  readonly type = 'sigmoid';

  constructor(_spec: Extract<LayerSpec, { type: 'sigmoid' }> = { type: 'sigmoid' }, _at = 'sigmoid') {
    super();
  }

  protected apply(x: Float32Array, y: Float32Array): void {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      // NOTE: exponentiate only non-positive numbers, so e^(−x) never overflows for large negative x;
      // for x < 0 use the equivalent e^x / (1 + e^x).
      if (v >= 0) {
        y[i] = 1 / (1 + Math.exp(-v));
      } else {
        const e = Math.exp(v);
        y[i] = e / (1 + e);
      }
    }
  }

  protected derive(_x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    // σ′ = σ(1 − σ), from the saved output; it underflows to 0 for large |x| (saturation), never NaN.
    for (let i = 0; i < y.length; i++) {
      const s = y[i]!;
      dx[i] = dy[i]! * s * (1 - s);
    }
  }
}

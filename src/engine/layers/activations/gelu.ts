// GELU, tanh approximation: y = ½x(1 + tanh(√(2/π)(x + 0.044715x³))) — PyTorch's GELU(approximate='tanh').
import type { LayerSpec } from '../../models/spec';
import { ElementwiseActivation } from './elementwise';

const C = Math.sqrt(2 / Math.PI);
const A = 0.044715;

export class GELU extends ElementwiseActivation {
  readonly type = 'gelu';

  constructor(_spec: Extract<LayerSpec, { type: 'gelu' }> = { type: 'gelu' }, _at = 'gelu') {
    super();
  }

  protected apply(x: Float32Array, y: Float32Array): void {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      y[i] = 0.5 * v * (1 + Math.tanh(C * (v + A * v * v * v)));
    }
  }

  protected derive(x: Float32Array, _y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    // d/dx ½x(1 + t) = ½(1 + t) + ½x(1 − t²)·C(1 + 3A·x²), t = tanh(C(x + A·x³)).
    // NOTE: x is float32, so x³ stays finite in float64 and tanh saturates to exactly ±1: no NaN for large |x|.
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      const t = Math.tanh(C * (v + A * v * v * v));
      dx[i] = dy[i]! * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * C * (1 + 3 * A * v * v));
    }
  }
}

// Leaky ReLU: y = x for x > 0, slope·x otherwise (slope defaults to 0.01, as in PyTorch).
import type { LayerSpec } from '../../models/spec';
import { numberInRange } from '../spec-checks';
import { ElementwiseActivation } from './elementwise';

export class LeakyReLU extends ElementwiseActivation {
  readonly type = 'leaky_relu';
  readonly slope: number;

  constructor(spec: Extract<LayerSpec, { type: 'leaky_relu' }> = { type: 'leaky_relu' }, at = 'leaky_relu') {
    super();
    this.slope = numberInRange(at, 'slope', spec.slope ?? 0.01, 0, 1);
  }

  protected apply(x: Float32Array, y: Float32Array): void {
    const a = this.slope;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      y[i] = v > 0 ? v : a * v;
    }
  }

  protected derive(x: Float32Array, _y: Float32Array, dy: Float32Array, dx: Float32Array): void {
    const a = this.slope;
    // NOTE: at exactly 0 the gradient is the slope (x > 0 is strict), matching PyTorch.
    for (let i = 0; i < x.length; i++) dx[i] = x[i]! > 0 ? dy[i]! : a * dy[i]!;
  }
}

// Plain stochastic gradient descent: w ← w − lr·g.
import { Optimizer } from './optimizer';

export class Sgd extends Optimizer {
  readonly type = 'sgd' as const;

  protected override update(_index: number, w: Float32Array, g: Float32Array, lr: number): void {
    this.kernels.axpy(-lr, g, w);
  }
}

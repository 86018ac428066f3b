// Plain stochastic gradient descent: w ← w − lr·g.
import { Optimizer } from './optimizer';

export class Sgd extends Optimizer {
  readonly type = 'sgd' as const;

  protected override update(_index: number, w: Float32Array, g: Float32Array, lr: number, _t: number, decay: number): void {
    this.addDecay(w, g, decay);
    this.kernels.axpy(-lr, g, w);
  }
}

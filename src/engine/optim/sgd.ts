// Plain stochastic gradient descent: w ← w − lr·g.
import { Optimizer } from './optimizer';

export class Sgd extends Optimizer {
  readonly type = 'sgd' as const;

  protected override update(_index: number, w: Float32Array, g: Float32Array, lr: number): void {
    for (let j = 0; j < w.length; j++) w[j] = w[j]! - lr * g[j]!;
  }
}

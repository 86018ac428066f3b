// SGD with (optionally Nesterov) momentum, velocity form: v ← βv − lr·g; w ← w + v.
import type { Kernels } from '../kernels/kernels';
import type { Param } from '../layers/layer';
import { Optimizer } from './optimizer';
import type { ResolvedOptimizerSpec } from './spec';

/**
 * The course report's w − α∇ + β(w_t − w_{t−1}) is this update, since w_t − w_{t−1} is the previous v.
 * NOTE: v carries lr inside it, so after an lr change the old velocity still moves at the old rate
 * (PyTorch keeps lr outside v; the two agree exactly while lr is constant).
 */
export class Momentum extends Optimizer {
  readonly type = 'momentum' as const;
  private readonly velocity: Float32Array[];
  private readonly beta: number;
  private readonly nesterov: boolean;

  constructor(spec: ResolvedOptimizerSpec<'momentum'>, params: readonly Param[], kernels?: Kernels) {
    super(params, kernels);
    this.beta = spec.momentum;
    this.nesterov = spec.nesterov;
    this.velocity = this.allocState('velocity');
  }

  protected override update(index: number, w: Float32Array, g: Float32Array, lr: number, _t: number, decay: number): void {
    const v = this.part(this.velocity[index]!, w);
    const beta = this.beta;
    if (this.nesterov) {
      this.addDecay(w, g, decay);
      // Look-ahead form (Sutskever 2013, rewritten on w): w ← w + βv_new − lr·g.
      for (let j = 0; j < w.length; j++) {
        const vj = beta * v[j]! - lr * g[j]!;
        v[j] = vj;
        w[j] = w[j]! + beta * vj - lr * g[j]!;
      }
    } else if (decay === 0) {
      this.kernels.momentumStep(w, g, v, beta, lr);
    } else {
      this.kernels.momentumStepL2(w, g, v, beta, lr, decay);
    }
  }
}

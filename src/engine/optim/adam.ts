// Adam: bias-corrected running means of g and g² (Kingma & Ba 2015, algorithm 1).
import type { Kernels } from '../kernels/kernels';
import type { Param } from '../layers/layer';
import { Optimizer } from './optimizer';
import type { ResolvedOptimizerSpec } from './spec';

/**
 * m ← β1·m + (1−β1)g; v ← β2·v + (1−β2)g²; w ← w − lr·m̂/(√v̂ + ε), m̂ = m/(1−β1^t), v̂ = v/(1−β2^t).
 * NOTE: without the bias correction the first steps would be ~(1−β1) too small, since m and v start at 0.
 */
export class Adam extends Optimizer {
  readonly type = 'adam' as const;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;

  constructor(spec: ResolvedOptimizerSpec<'adam'>, params: readonly Param[], kernels?: Kernels) {
    super(params, kernels);
    this.beta1 = spec.beta1;
    this.beta2 = spec.beta2;
    this.eps = spec.eps;
    this.m = this.allocState('exp_avg');
    this.v = this.allocState('exp_avg_sq');
  }

  protected override update(index: number, w: Float32Array, g: Float32Array, lr: number, t: number, decay: number): void {
    const { beta1, beta2, eps } = this;
    // Fold both corrections into per-step scalars: lr·m̂/(√v̂+ε) = (lr/c1)·m/(√v/√c2 + ε).
    const step = { beta1, beta2, eps, lr: lr / (1 - Math.pow(beta1, t)), invSqrtC2: 1 / Math.sqrt(1 - Math.pow(beta2, t)) };
    const [m, v] = [this.part(this.m[index]!, w), this.part(this.v[index]!, w)];
    if (decay === 0) this.kernels.adamStep(w, g, m, v, step);
    else this.kernels.adamStepL2(w, g, m, v, step, decay);
  }
}

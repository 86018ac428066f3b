// RMSProp: a running mean of g² scales each weight's step: s ← ρs + (1−ρ)g²; w ← w − lr·g/(√s + ε).
import type { Kernels } from '../kernels/kernels';
import type { Param } from '../layers/layer';
import { Optimizer } from './optimizer';
import type { ResolvedOptimizerSpec } from './spec';

/** NOTE: ε sits outside the square root (as in PyTorch and Keras), so it bounds the step at lr·|g|/ε. */
export class RmsProp extends Optimizer {
  readonly type = 'rmsprop' as const;
  private readonly meanSquare: Float32Array[];
  private readonly rho: number;
  private readonly eps: number;

  constructor(spec: ResolvedOptimizerSpec<'rmsprop'>, params: readonly Param[], kernels?: Kernels) {
    super(params, kernels);
    this.rho = spec.rho;
    this.eps = spec.eps;
    this.meanSquare = this.allocState('square_avg');
  }

  protected override update(index: number, w: Float32Array, g: Float32Array, lr: number, _t: number, decay: number): void {
    this.addDecay(w, g, decay);
    const s = this.part(this.meanSquare[index]!, w);
    const rho = this.rho;
    const keep = 1 - rho;
    const eps = this.eps;
    for (let j = 0; j < w.length; j++) {
      const gj = g[j]!;
      const sj = rho * s[j]! + keep * gj * gj;
      s[j] = sj;
      w[j] = w[j]! - (lr * gj) / (Math.sqrt(sj) + eps);
    }
  }
}

// Optimizers by registry name: configs and the database carry the name, this turns it into an Optimizer.
import type { Kernels } from '../kernels/kernels';
import type { Param } from '../layers/layer';
import { Adam } from './adam';
import { Momentum } from './momentum';
import type { Optimizer } from './optimizer';
import { RmsProp } from './rmsprop';
import { Sgd } from './sgd';
import { resolveOptimizerSpec, type OptimizerSpec, type OptimizerType, type ResolvedOptimizerSpec } from './spec';

type Factory<T extends OptimizerType> = (spec: ResolvedOptimizerSpec<T>, params: readonly Param[], kernels?: Kernels) => Optimizer;

/** Ordered by complexity, as the files are: SGD → Momentum → RMSProp → Adam. */
const OPTIMIZERS: { readonly [T in OptimizerType]: Factory<T> } = {
  sgd: (_spec, params, kernels) => new Sgd(params, kernels),
  momentum: (spec, params, kernels) => new Momentum(spec, params, kernels),
  rmsprop: (spec, params, kernels) => new RmsProp(spec, params, kernels),
  adam: (spec, params, kernels) => new Adam(spec, params, kernels),
};

/**
 * Builds the optimizer a spec names over `params`, defaults filled in.
 * Throws ConfigError (naming the field and value) for an unknown type or a bad hyperparameter.
 */
export function createOptimizer(spec: OptimizerSpec, params: readonly Param[], kernels?: Kernels): Optimizer {
  const resolved = resolveOptimizerSpec(spec);
  const factory = OPTIMIZERS[resolved.type] as Factory<OptimizerType>;
  return factory(resolved, params, kernels);
}

// Public face of the optimizers: create one by spec, step it with a learning rate.
export { createOptimizer } from './registry';
export { Optimizer, type OptimizerState, type OptimizerStateBuffer } from './optimizer';
export {
  OPTIMIZER_DEFAULTS,
  OPTIMIZER_TYPES,
  isOptimizerType,
  resolveOptimizerSpec,
  type OptimizerSpec,
  type OptimizerType,
  type ResolvedOptimizerSpec,
} from './spec';

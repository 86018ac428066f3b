// The learning rate each optimizer starts from when none is given (the CLI's default, the form's on a switch).
import type { RunConfig } from './run-config';

export type OptimizerType = RunConfig['optimizer']['type'];

/** Plain and momentum SGD take the report's 0.05; the adaptive ones divide by a running RMS and want ~1e-3. */
export const DEFAULT_LR: Readonly<Record<OptimizerType, number>> = { sgd: 0.05, momentum: 0.05, rmsprop: 0.001, adam: 0.001 };

// Small valid inputs for contract and front-door tests.
import type { RunConfigInput } from '../run-config';

/** A tiny valid MLP config on MNIST (input form: defaults not filled). */
export function tinyConfig(overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: { name: 'mnist' },
    limitTrain: 256,
    limitTest: 64,
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 16 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
    optimizer: { type: 'sgd' },
    lr: 0.1,
    batchSize: 32,
    epochs: 2,
    seed: 1,
    ...overrides,
  };
}

// The two benchmark workloads: the MLP and the course report's CNN, one epoch each on full MNIST.
import { mlpSpec, reportCnnSpec } from '../../src/shared/model-presets';
import { parseRunConfig, type RunConfig } from '../../src/shared/run-config';

export type BenchModel = 'mlp' | 'cnn';

export function benchConfig(model: BenchModel, limitTrain?: number): RunConfig {
  const common = { dataset: { name: 'mnist' }, batchSize: 128, epochs: 1, seed: 1, limitTrain };
  return parseRunConfig(
    model === 'mlp'
      ? { ...common, model: mlpSpec({ hidden: [128, 64], activation: 'relu' }), optimizer: { type: 'momentum', momentum: 0.9 }, lr: 0.05, l2: 1e-4 }
      : { ...common, model: reportCnnSpec(), optimizer: { type: 'adam' }, lr: 0.001 },
  );
}

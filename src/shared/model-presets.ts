// Model presets as specs: the course report's MLP and CNN, built from the same declarative layer list.
// They live in shared because the CLI, the app's form and the report reproduction all offer them.
import type { ActivationType, LayerSpec, ModelSpec } from '../engine/models/spec';
import { ValidationError } from './validation';

export const MNIST_INPUT: readonly [number, number, number] = [1, 28, 28];

/**
 * An MLP: flatten, then one linear + activation per hidden size, then a linear output layer.
 * `activation` is one name for all hidden layers or one per hidden layer.
 */
export function mlpSpec(options: {
  hidden: readonly number[];
  activation: ActivationType | readonly ActivationType[];
  classes?: number;
  input?: readonly [number, number, number];
}): ModelSpec {
  const { hidden, activation, classes = 10, input = MNIST_INPUT } = options;
  const acts = typeof activation === 'string' ? hidden.map(() => activation) : activation;
  if (acts.length !== hidden.length) {
    throw new ValidationError('activation', `expected ${hidden.length} activations (one per hidden layer), got ${acts.length}`);
  }
  const layers: LayerSpec[] = [{ type: 'flatten' }];
  hidden.forEach((units, i) => layers.push({ type: 'linear', units }, { type: acts[i]! } as LayerSpec));
  layers.push({ type: 'linear', units: classes });
  return { input, layers };
}

/** The report's CNN: conv 30@5×5 (stride 1, no padding) – ReLU – maxpool 2 – affine 100 – ReLU – affine 10. */
export function reportCnnSpec(options: { classes?: number; input?: readonly [number, number, number] } = {}): ModelSpec {
  const { classes = 10, input = MNIST_INPUT } = options;
  return {
    input,
    layers: [
      { type: 'conv2d', filters: 30, kernel: 5, stride: 1, padding: 0 },
      { type: 'relu' },
      { type: 'maxpool2d', size: 2 },
      { type: 'flatten' },
      { type: 'linear', units: 100 },
      { type: 'relu' },
      { type: 'linear', units: classes },
    ],
  };
}

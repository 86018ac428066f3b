// Checks a ModelSpec before anything is allocated: every field in range, shapes that fit, a sane size.
// The shapes come from the layers' own outputShape (what build() uses), so the check and the build cannot disagree.
import { ConfigError, ShapeError } from '../errors';
import { createLayer } from '../layers/registry';
import type { Shape } from '../tensor';
import { checkInitSpec } from './init-choice';
import type { LayerSpec, ModelSpec } from './spec';

/** Largest model we agree to build (values, not bytes): far beyond MNIST needs, far below memory limits. */
export const MAX_PARAMETERS = 50_000_000;

/** What a valid spec builds to, worked out without allocating a weight. */
export interface ModelPlan {
  /** Shape of one output sample of each layer, e.g. [[784], [128], [128], [10]]. */
  readonly layerShapes: readonly Shape[];
  readonly outputShape: Shape;
  readonly parameterCount: number;
}

function int(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The fields' ranges (the layer constructors check only their kinds) and the layer's parameters on `input`. */
function checkFields(layer: LayerSpec, at: string, input: Shape): number {
  switch (layer.type) {
    case 'linear': {
      if (layer.init !== undefined) checkInitSpec(`${at}.init`, layer.init);
      const units = int(`${at}.units`, layer.units, 1, 65536);
      return (input.length === 1 ? input[0]! * units : 0) + units;
    }
    case 'conv2d': {
      if (layer.init !== undefined) checkInitSpec(`${at}.init`, layer.init);
      const k = int(`${at}.kernel`, layer.kernel, 1, 64);
      int(`${at}.stride`, layer.stride ?? 1, 1, 64);
      int(`${at}.padding`, layer.padding ?? 0, 0, 64);
      const filters = int(`${at}.filters`, layer.filters, 1, 4096);
      return filters * (input[0] ?? 0) * k * k + filters;
    }
    case 'maxpool2d': {
      const size = int(`${at}.size`, layer.size, 1, 64);
      int(`${at}.stride`, layer.stride ?? size, 1, 64);
      return 0;
    }
    case 'dropout':
      if (typeof layer.rate !== 'number' || !(layer.rate >= 0 && layer.rate < 1)) throw new ConfigError(`${at}.rate`, `must be in [0, 1), got ${layer.rate}`);
      return 0;
    case 'leaky_relu':
      if (layer.slope !== undefined && !(layer.slope >= 0 && layer.slope < 1)) throw new ConfigError(`${at}.slope`, `must be in [0, 1), got ${layer.slope}`);
      return 0;
    default:
      return 0;
  }
}

/**
 * Every layer's output shape and the parameter count of `spec`, allocating nothing.
 * @throws ConfigError naming the first bad field: a value out of range ("model.layers.2.units"), a layer whose
 *   input does not fit ("model.layers.1: conv2d: a 64×64 kernel … does not fit input [1, 28, 28]"), or a model
 *   over MAX_PARAMETERS.
 */
export function validateModelSpec(spec: ModelSpec): ModelPlan {
  if (!Array.isArray(spec.input) || spec.input.length !== 3) throw new ConfigError('model.input', 'must be [channels, height, width]');
  let shape: Shape = spec.input.map((d, i) => int(`model.input.${i}`, d, 1, 4096));
  if (spec.init !== undefined) checkInitSpec('model.init', spec.init);
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) throw new ConfigError('model.layers', 'must list at least one layer');
  let params = 0;
  const layerShapes: Shape[] = [];
  spec.layers.forEach((layer: LayerSpec, i) => {
    const at = `model.layers.${i}`;
    const added = checkFields(layer, at, shape);
    try {
      shape = createLayer(layer, at).outputShape(shape);
    } catch (err) {
      if (err instanceof ShapeError) throw new ConfigError(at, err.message);
      throw err;
    }
    params += added;
    if (params > MAX_PARAMETERS) throw new ConfigError(at, `the model would exceed ${MAX_PARAMETERS.toLocaleString('en')} parameters`);
    layerShapes.push(shape);
  });
  return { layerShapes, outputShape: shape, parameterCount: params };
}

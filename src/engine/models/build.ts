// Builds a Sequential from a ModelSpec: validated sizes, seeded init as the spec asks (auto: by the activation that follows).
import type { Kernels } from '../kernels/kernels';
import { createLayer } from '../layers/registry';
import { Rng } from '../random';
import { fuseLayers } from './fuse';
import type { Shape } from '../tensor';
import { Sequential } from './sequential';
import { initFor } from './init-choice';
import type { ModelSpec } from './spec';
import { validateModelSpec } from './validate';

/**
 * Builds the model, its neighbouring layers fused; the same spec and seed give bit-identical initial weights.
 * `sharedValues`: param values (by name) the model uses as they are, instead of its own.
 */
export function buildModel(spec: ModelSpec, kernels: Kernels, seed: number, sharedValues?: ReadonlyMap<string, Float32Array>): Sequential {
  validateModelSpec(spec);
  const rng = new Rng(seed);
  let shape: Shape = spec.input;
  let seenParams = false;
  const shapes: Shape[] = [];
  const layers = spec.layers.map((layerSpec, i) => {
    const layer = createLayer(layerSpec, `model.layers.${i}`);
    shape = layer.build(shape, {
      kernels,
      rng: rng.fork(),
      init: initFor(spec.layers, i, spec.init),
      needsInputGrad: seenParams,
      prefix: `layers.${i}`,
      sharedValues,
    });
    shapes.push(shape);
    if (layer.params().length > 0) seenParams = true;
    return layer;
  });
  fuseLayers(layers);
  return new Sequential(spec, kernels, layers, shapes);
}

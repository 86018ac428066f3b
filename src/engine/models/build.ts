// Builds a Sequential from a ModelSpec: validated sizes, seeded init chosen by the activation that follows.
import type { Kernels } from '../kernels/kernels';
import type { InitScheme } from '../layers/layer';
import { createLayer } from '../layers/registry';
import { Rng } from '../random';
import { fuseLayers } from './fuse';
import type { Shape } from '../tensor';
import { Sequential } from './sequential';
import type { LayerSpec, ModelSpec } from './spec';
import { validateModelSpec } from './validate';

const PARAMETRIC = new Set<LayerSpec['type']>(['linear', 'conv2d']);
const HE_FOLLOWERS = new Set<LayerSpec['type']>(['relu', 'leaky_relu', 'gelu']);

/** He for ReLU-like followers; Xavier for Sigmoid/Tanh and for the output layer (no activation follows). */
function initFor(layers: readonly LayerSpec[], index: number): InitScheme {
  for (let j = index + 1; j < layers.length; j++) {
    const t = layers[j]!.type;
    if (PARAMETRIC.has(t)) break;
    if (HE_FOLLOWERS.has(t)) return 'he';
    if (t === 'sigmoid' || t === 'tanh') return 'xavier';
  }
  return 'xavier';
}

/** Builds the model, its neighbouring layers fused; the same spec and seed give bit-identical initial weights. */
export function buildModel(spec: ModelSpec, kernels: Kernels, seed: number): Sequential {
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
      init: initFor(spec.layers, i),
      needsInputGrad: seenParams,
      prefix: `layers.${i}`,
    });
    shapes.push(shape);
    if (layer.params().length > 0) seenParams = true;
    return layer;
  });
  fuseLayers(layers);
  return new Sequential(spec, kernels, layers, shapes);
}

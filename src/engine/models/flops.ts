// Floating-point work per sample, for honest GFLOPS figures in benchmarks (elementwise work not counted).
import { sizeOf } from '../tensor';
import type { Sequential } from './sequential';

/** Multiply-adds of each parametric layer's forward product, in layer order. */
function layerMacs(model: Sequential): number[] {
  return model.layers.flatMap((layer, i) => {
    const weight = layer.params().find((p) => p.role === 'weight');
    if (!weight) return [];
    // Linear: one MAC per weight; conv: one MAC per weight per output pixel.
    return [layer.type === 'conv2d' ? weight.value.length * sizeOf(model.layerShapes[i]!.slice(1)) : weight.value.length];
  });
}

/** FLOPs (multiply + add = 2) of one forward pass for one sample. */
export function forwardFlopsPerSample(model: Sequential): number {
  return layerMacs(model).reduce((s, m) => s + 2 * m, 0);
}

/** FLOPs of forward + weight gradient + input gradient (skipped by the first parametric layer) for one sample. */
export function trainingFlopsPerSample(model: Sequential): number {
  return layerMacs(model).reduce((s, m, i) => s + 2 * m * (i === 0 ? 2 : 3), 0);
}

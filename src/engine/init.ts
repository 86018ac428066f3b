// Weight initialisation from the seeded rng: He-normal, Xavier/Glorot-uniform, or a plain N(0, std²).
import { ConfigError } from './errors';
import type { InitScheme } from './layers/layer';
import type { Rng } from './random';
import type { Shape } from './tensor';

/**
 * Fan-in and fan-out of a weight shape, as PyTorch counts them.
 * Linear [out, in]: fanIn = in, fanOut = out. Conv [F, C, kh, kw]: fanIn = C·kh·kw (the values one
 * output pixel sums over), fanOut = F·kh·kw.
 */
export function fans(shape: Shape): { fanIn: number; fanOut: number } {
  if (shape.length < 2) throw new ConfigError('init', `a weight needs at least 2 dimensions, got [${shape.join(', ')}]`);
  let receptive = 1;
  for (let i = 2; i < shape.length; i++) receptive *= shape[i]!;
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

/** He (Kaiming) normal: w ~ N(0, 2/fanIn), keeping activation variance steady through ReLUs. */
export function heNormal(w: Float32Array, fanIn: number, rng: Rng): void {
  const std = Math.sqrt(2 / fanIn);
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
}

/** Xavier/Glorot uniform: w ~ U(−a, a) with a = √(6/(fanIn+fanOut)), i.e. variance 2/(fanIn+fanOut). */
export function xavierUniform(w: Float32Array, fanIn: number, fanOut: number, rng: Rng): void {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.uniform() - 1) * a;
}

/** Plain normal: w ~ N(0, std²) whatever the fans (the classic `weight_scale`, e.g. 0.01). */
export function normalInit(w: Float32Array, std: number, rng: Rng): void {
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * std;
}

/** Fills a weight of `shape` by `scheme` (biases are not passed here: they start at zero). */
export function initWeight(w: Float32Array, shape: Shape, scheme: InitScheme, rng: Rng): void {
  const { fanIn, fanOut } = fans(shape);
  switch (scheme.type) {
    case 'he':
      return heNormal(w, fanIn, rng);
    case 'xavier':
      return xavierUniform(w, fanIn, fanOut, rng);
    case 'normal':
      if (!(scheme.std > 0 && Number.isFinite(scheme.std))) throw new ConfigError('init.std', `must be a finite number > 0, got ${scheme.std}`);
      return normalInit(w, scheme.std, rng);
    default:
      throw new ConfigError('init.type', `unknown init ${JSON.stringify((scheme as { type: unknown }).type)}; known: he, xavier, normal`);
  }
}

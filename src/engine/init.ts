// Weight initialisation from the seeded rng: He-normal for ReLU-like followers, Xavier/Glorot-uniform otherwise.
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

/** Fills a weight of `shape` by `scheme` (biases are not passed here: they start at zero). */
export function initWeight(w: Float32Array, shape: Shape, scheme: InitScheme, rng: Rng): void {
  const { fanIn, fanOut } = fans(shape);
  if (scheme === 'he') heNormal(w, fanIn, rng);
  else if (scheme === 'xavier') xavierUniform(w, fanIn, fanOut, rng);
  else throw new ConfigError('init', `unknown scheme "${String(scheme)}"; known: he, xavier`);
}

// Which initialisation each linear or conv layer gets: its own `init`, else the model's, else the `auto` rule.
import { ConfigError } from '../errors';
import type { InitScheme } from '../layers/layer';
import { INIT_TYPES, type InitSpec, type LayerSpec } from './spec';

/** The std of `normal` when the spec gives none: the classic `weight_scale = 1e-2`. */
export const DEFAULT_NORMAL_STD = 0.01;
/** Largest std we accept: far above any sensible init, low enough to catch a typo like 100. */
export const MAX_INIT_STD = 10;

const PARAMETRIC = new Set<LayerSpec['type']>(['linear', 'conv2d']);
const HE_FOLLOWERS = new Set<LayerSpec['type']>(['relu', 'leaky_relu', 'gelu']);

/** The `auto` rule: He for ReLU-like followers; Xavier for Sigmoid/Tanh and for the output layer (no activation follows). */
export function autoInit(layers: readonly LayerSpec[], index: number): InitScheme {
  for (let j = index + 1; j < layers.length; j++) {
    const t = layers[j]!.type;
    if (PARAMETRIC.has(t)) break;
    if (HE_FOLLOWERS.has(t)) return { type: 'he' };
    if (t === 'sigmoid' || t === 'tanh') return { type: 'xavier' };
  }
  return { type: 'xavier' };
}

/** The scheme of layer `index` of a model whose default is `modelInit`. */
export function initFor(layers: readonly LayerSpec[], index: number, modelInit: InitSpec | undefined): InitScheme {
  const layer = layers[index]!;
  const spec = ('init' in layer ? layer.init : undefined) ?? modelInit;
  switch (spec?.type ?? 'auto') {
    case 'auto':
      return autoInit(layers, index);
    case 'normal':
      return { type: 'normal', std: spec!.std ?? DEFAULT_NORMAL_STD };
    default:
      return { type: spec!.type as 'he' | 'xavier' };
  }
}

/** Throws a ConfigError naming `${at}.type` or `${at}.std` for a bad init spec (specs arrive as JSON). */
export function checkInitSpec(at: string, spec: unknown): void {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new ConfigError(at, `must be an object like {"type": "normal", "std": 0.01}, got ${JSON.stringify(spec)}`);
  const { type, std, ...rest } = spec as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) throw new ConfigError(`${at}.${extra}`, 'not a field of an init (fields: type, std)');
  if (!(INIT_TYPES as readonly unknown[]).includes(type))
    throw new ConfigError(`${at}.type`, `unknown init ${JSON.stringify(type)}; known: ${INIT_TYPES.join(', ')}`);
  if (std === undefined) return;
  if (type !== 'normal') throw new ConfigError(`${at}.std`, `only "normal" takes a std, not "${String(type)}"`);
  if (typeof std !== 'number' || !(std > 0 && std <= MAX_INIT_STD))
    throw new ConfigError(`${at}.std`, `must be a number in (0, ${MAX_INIT_STD}], got ${JSON.stringify(std)}`);
}

// Layer types by name: specs, configs and the database carry the name; this turns a spec into a Layer.
import { ConfigError } from '../errors';
import type { LayerSpec, LayerType } from '../models/spec';
import { GELU } from './activations/gelu';
import { LeakyReLU } from './activations/leaky-relu';
import { ReLU } from './activations/relu';
import { Sigmoid } from './activations/sigmoid';
import { Tanh } from './activations/tanh';
import { Conv2d } from './conv2d';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import type { Layer } from './layer';
import { Linear } from './linear';
import { MaxPool2d } from './max-pool2d';

/** Builds a layer from its spec; `at` (e.g. "layers[2]") prefixes the field of any ConfigError. */
export type LayerFactory<T extends LayerType> = (spec: Extract<LayerSpec, { type: T }>, at: string) => Layer;

const factories = new Map<string, (spec: LayerSpec, at: string) => Layer>();

/** Registers a factory under `type`; throws a ConfigError if the name is taken (no silent override). */
export function registerLayer<T extends LayerType>(type: T, factory: LayerFactory<T>): void {
  if (factories.has(type)) throw new ConfigError('type', `layer type "${type}" is already registered`);
  factories.set(type, factory as (spec: LayerSpec, at: string) => Layer);
}

/** The registered type names, in registration order. */
export function layerTypes(): string[] {
  return [...factories.keys()];
}

/**
 * A new, unbuilt layer for `spec`. Throws a ConfigError on `${at}.type` for an unknown type, and on
 * `${at}.<field>` for a bad field value (specs arrive as JSON, so the type is checked at runtime too).
 */
export function createLayer(spec: LayerSpec, at = 'layer'): Layer {
  const type: unknown = (spec as { type?: unknown } | null)?.type;
  const factory = typeof type === 'string' ? factories.get(type) : undefined;
  if (factory === undefined) {
    throw new ConfigError(`${at}.type`, `unknown layer type ${JSON.stringify(type)}; known: ${layerTypes().join(', ')}`);
  }
  return factory(spec, at);
}

registerLayer('linear', (s, at) => new Linear(s, at));
registerLayer('conv2d', (s, at) => new Conv2d(s, at));
registerLayer('maxpool2d', (s, at) => new MaxPool2d(s, at));
registerLayer('flatten', (s, at) => new Flatten(s, at));
registerLayer('dropout', (s, at) => new Dropout(s, at));
registerLayer('relu', (s, at) => new ReLU(s, at));
registerLayer('sigmoid', (s, at) => new Sigmoid(s, at));
registerLayer('tanh', (s, at) => new Tanh(s, at));
registerLayer('leaky_relu', (s, at) => new LeakyReLU(s, at));
registerLayer('gelu', (s, at) => new GELU(s, at));

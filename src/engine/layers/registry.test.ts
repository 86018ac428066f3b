import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import type { LayerSpec } from '../models/spec';
import { testContext } from '../testing/gradcheck';
import { Flatten } from './flatten';
import { createLayer, layerTypes, registerLayer } from './registry';

const SPECS: LayerSpec[] = [
  { type: 'conv2d', filters: 2, kernel: 3, padding: 1 },
  { type: 'relu' },
  { type: 'maxpool2d', size: 2 },
  { type: 'dropout', rate: 0.1 },
  { type: 'flatten' },
  { type: 'linear', units: 8 },
  { type: 'sigmoid' },
  { type: 'tanh' },
  { type: 'leaky_relu', slope: 0.05 },
  { type: 'gelu' },
];

describe('layer registry', () => {
  it('knows every layer type of the spec', () => {
    expect(layerTypes().sort()).toEqual(SPECS.map((s) => s.type).sort());
  });

  it('creates each type from its spec, and they chain shapes through build', () => {
    let shape: readonly number[] = [1, 6, 6];
    for (const spec of SPECS) {
      const layer = createLayer(spec);
      expect(layer.type).toBe(spec.type);
      shape = layer.build(shape, testContext());
    }
    expect(shape).toEqual([8]);
  });

  it('throws a ConfigError naming the unknown type and the known ones', () => {
    const bad = { type: 'softmax' } as unknown as LayerSpec;
    expect(() => createLayer(bad, 'layers[3]')).toThrow(ConfigError);
    expect(() => createLayer(bad, 'layers[3]')).toThrow(/^layers\[3\]\.type: unknown layer type "softmax"; known: linear, conv2d/);
    expect(() => createLayer(null as unknown as LayerSpec)).toThrow(/layer\.type: unknown layer type undefined/);
  });

  it('prefixes field errors with the position it was given', () => {
    expect(() => createLayer({ type: 'linear', units: 2.5 }, 'layers[7]')).toThrow(/^layers\[7\]\.units: must be a positive integer, got 2\.5$/);
  });

  it('refuses to register a name twice', () => {
    expect(() => registerLayer('flatten', () => new Flatten())).toThrow(/layer type "flatten" is already registered/);
  });
});

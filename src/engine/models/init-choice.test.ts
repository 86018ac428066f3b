import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../kernels/reference';
import { buildModel } from './build';
import { checkInitSpec, initFor } from './init-choice';
import type { LayerSpec, ModelSpec } from './spec';
import { validateModelSpec } from './validate';

const MLP: ModelSpec = {
  input: [1, 4, 4],
  layers: [{ type: 'flatten' }, { type: 'linear', units: 8 }, { type: 'relu' }, { type: 'linear', units: 6 }, { type: 'tanh' }, { type: 'linear', units: 3 }],
};
const CONV: ModelSpec = {
  input: [1, 8, 8],
  layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', units: 3 }],
};

const sums = (spec: ModelSpec, seed: number) =>
  buildModel(spec, referenceKernels, seed)
    .params()
    .map((p) => p.value.reduce((a, b) => a + b, 0));
const stats = (w: Float32Array) => {
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return { mean, std: Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length) };
};

describe('initFor', () => {
  it('auto: He before a ReLU, Xavier before a Tanh and for the output layer', () => {
    expect([1, 3, 5].map((i) => initFor(MLP.layers, i, undefined))).toEqual([{ type: 'he' }, { type: 'xavier' }, { type: 'xavier' }]);
  });

  it("a layer's own init wins over the model's; normal without std is N(0, 0.01²)", () => {
    const layers: LayerSpec[] = [{ type: 'flatten' }, { type: 'linear', units: 8, init: { type: 'xavier' } }, { type: 'relu' }, { type: 'linear', units: 3 }];
    expect(initFor(layers, 1, { type: 'normal' })).toEqual({ type: 'xavier' });
    expect(initFor(layers, 3, { type: 'normal' })).toEqual({ type: 'normal', std: 0.01 });
    expect(initFor(layers, 3, { type: 'normal', std: 0.2 })).toEqual({ type: 'normal', std: 0.2 });
    expect(initFor(layers, 3, { type: 'he' })).toEqual({ type: 'he' });
  });
});

describe('buildModel with an init', () => {
  it("keeps today's weights bit for bit when the init is absent or auto (sums pinned before `init` existed)", () => {
    expect(sums(MLP, 7)).toEqual([-2.8204748877324164, 0, 0.6037968411110342, 0, 2.136381581425667, 0]);
    expect(sums(CONV, 3)).toEqual([2.762777380645275, 0, 1.7002567027229816, 0]);
    expect(sums({ ...MLP, init: { type: 'auto' } }, 7)).toEqual(sums(MLP, 7));
    expect(sums({ ...CONV, init: { type: 'auto' } }, 3)).toEqual(sums(CONV, 3));
  });

  it('draws N(0, 0.01²) weights and zero biases over a 784×128 layer with init normal', () => {
    const spec: ModelSpec = {
      input: [1, 28, 28],
      init: { type: 'normal', std: 0.01 },
      layers: [{ type: 'flatten' }, { type: 'linear', units: 128 }, { type: 'relu' }, { type: 'linear', units: 10 }],
    };
    const [w, b] = buildModel(spec, referenceKernels, 1).params();
    const { mean, std } = stats(w!.value);
    expect(Math.abs(mean)).toBeLessThan(1.5e-4);
    expect(Math.abs(std / 0.01 - 1)).toBeLessThan(0.01);
    expect(b!.value.every((v) => v === 0)).toBe(true);
  });

  it('draws He over a conv layer [F, C, k, k] when the model asks for normal but the conv layer for he', () => {
    const spec: ModelSpec = {
      input: [3, 32, 32],
      init: { type: 'normal', std: 0.01 },
      layers: [{ type: 'conv2d', filters: 512, kernel: 5, init: { type: 'he' } }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', units: 2 }],
    };
    const [conv, , out] = buildModel(spec, referenceKernels, 2).params();
    // 512·3·5·5 = 38 400 draws of N(0, 2/75).
    expect(Math.abs(stats(conv!.value).std / Math.sqrt(2 / 75) - 1)).toBeLessThan(0.02);
    expect(Math.abs(stats(out!.value).std / 0.01 - 1)).toBeLessThan(0.02);
  });
});

describe('init validation', () => {
  const bad: [unknown, RegExp][] = [
    [{ type: 'lecun' }, /^model\.init\.type: unknown init "lecun"; known: auto, he, xavier, normal$/],
    [{ type: 'normal', std: 0 }, /^model\.init\.std: must be a number in \(0, 10\], got 0$/],
    [{ type: 'normal', std: '0.01' }, /^model\.init\.std: .* got "0\.01"$/],
    [{ type: 'he', std: 0.1 }, /^model\.init\.std: only "normal" takes a std, not "he"$/],
    [{ type: 'normal', scale: 1 }, /^model\.init\.scale: not a field of an init/],
    ['normal', /^model\.init: must be an object/],
  ];
  for (const [spec, message] of bad) {
    it(`refuses ${JSON.stringify(spec)}`, () => expect(() => checkInitSpec('model.init', spec)).toThrow(message));
  }

  it('names the layer whose init is wrong', () => {
    const spec = { ...MLP, layers: MLP.layers.map((l, i) => (i === 3 ? { ...l, init: { type: 'normal', std: -1 } } : l)) } as ModelSpec;
    expect(() => validateModelSpec(spec)).toThrow(/^model\.layers\.3\.init\.std: /);
    expect(() => buildModel({ ...MLP, init: { type: 'uniform' } } as unknown as ModelSpec, referenceKernels, 1)).toThrow(/^model\.init\.type: /);
  });
});

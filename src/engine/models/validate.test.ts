// Model plans without allocation: hand-counted shapes and parameters, the same as the built model, and refusals by field.
import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../kernels/reference';
import { buildModel } from './build';
import type { ModelSpec } from './spec';
import { MAX_PARAMETERS, validateModelSpec } from './validate';

const mlp: ModelSpec = { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 128 }, { type: 'relu' }, { type: 'linear', units: 10 }] };
// The course report's CNN: conv 30@5×5 – ReLU – pool 2 – 100 – ReLU – 10.
const cnn: ModelSpec = {
  input: [1, 28, 28],
  layers: [
    { type: 'conv2d', filters: 30, kernel: 5 },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    { type: 'flatten' },
    { type: 'linear', units: 100 },
    { type: 'relu' },
    { type: 'linear', units: 10 },
  ],
};

describe('validateModelSpec', () => {
  it('plans the MLP: 784·128 + 128 + 128·10 + 10 = 101,770 parameters', () => {
    const plan = validateModelSpec(mlp);
    expect(plan.layerShapes).toEqual([[784], [128], [128], [10]]);
    expect(plan.outputShape).toEqual([10]);
    expect(plan.parameterCount).toBe(101_770);
  });

  it('plans the CNN: 780 + 432,100 + 1,010 parameters, [30, 24, 24] after the conv', () => {
    const plan = validateModelSpec(cnn);
    expect(plan.layerShapes).toEqual([[30, 24, 24], [30, 24, 24], [30, 12, 12], [4320], [100], [100], [10]]);
    expect(plan.parameterCount).toBe(780 + 432_100 + 1_010);
  });

  it('agrees with the built model', () => {
    for (const spec of [mlp, cnn]) {
      const model = buildModel(spec, referenceKernels, 1);
      const plan = validateModelSpec(spec);
      expect(plan.layerShapes).toEqual(model.layerShapes);
      expect(plan.parameterCount).toBe(model.parameterCount());
    }
  });

  it('refuses, naming the layer, what build would refuse', () => {
    const refusal = (spec: ModelSpec) => {
      try {
        validateModelSpec(spec);
      } catch (err) {
        return { name: (err as Error).name, field: (err as { field?: string }).field, message: (err as Error).message };
      }
      return null;
    };
    expect(refusal({ input: [1, 28, 28], layers: [{ type: 'conv2d', filters: 4, kernel: 64 }] })).toMatchObject({
      name: 'ConfigError',
      field: 'model.layers.0',
      message: expect.stringMatching(/64×64 kernel .* does not fit input \[1, 28, 28\]/),
    });
    expect(refusal({ input: [1, 28, 28], layers: [{ type: 'linear', units: 10 }] })).toMatchObject({
      field: 'model.layers.0',
      message: expect.stringMatching(/put a flatten layer before it/),
    });
    expect(refusal({ input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'maxpool2d', size: 2 }] })).toMatchObject({ field: 'model.layers.1' });
    const huge: ModelSpec = {
      input: [1, 28, 28],
      layers: [{ type: 'flatten' }, { type: 'linear', units: 65536 }, { type: 'linear', units: 65536 }, { type: 'linear', units: 10 }],
    };
    expect(refusal(huge)).toMatchObject({
      field: 'model.layers.1',
      message: expect.stringContaining(`exceed ${MAX_PARAMETERS.toLocaleString('en')} parameters`),
    });
    expect(refusal({ input: [1, 28, 28], layers: [{ type: 'linear', units: 0 }] })).toMatchObject({ field: 'model.layers.0.units' });
    expect(refusal({ input: [1, 28, 28], layers: [{ type: 'maxpool2d', size: 65 }] })).toMatchObject({ field: 'model.layers.0.size' });
    expect(refusal({ input: [1, 28, 28], layers: [{ type: 'softmax' } as never] })).toMatchObject({ field: 'model.layers.0.type' });
  });
});

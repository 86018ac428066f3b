// Models and layer paths named by what they are, not by position.
import { describe, expect, it } from 'vitest';
import { describeConfigPath, describeModel } from './describe-model';
import { mlpSpec, reportCnnSpec } from './model-presets';

const mlp = mlpSpec({ hidden: [128, 64], activation: 'relu' });
const cnn = reportCnnSpec();

describe('describeModel', () => {
  it('names an MLP by its hidden sizes and activation', () => {
    expect(describeModel(mlp)).toBe('hidden 128·64 relu');
    expect(describeModel(mlpSpec({ hidden: [64, 32], activation: ['tanh', 'relu'] }))).toBe('hidden 64·32 tanh/relu');
  });

  it('names the report CNN layer by layer', () => {
    expect(describeModel(cnn)).toBe('conv 30@5×5 relu · pool 2 · hidden 100 relu');
    const strided = {
      input: [1, 28, 28] as const,
      layers: [{ type: 'conv2d' as const, filters: 8, kernel: 3, stride: 2, padding: 1 }, { type: 'flatten' as const }, { type: 'linear' as const, units: 10 }],
    };
    expect(describeModel(strided)).toBe('conv 8@3×3 stride 2 pad 1');
  });

  it('keeps dropout in place and calls a lone output layer softmax regression', () => {
    const dropped = {
      input: [1, 28, 28] as const,
      layers: [
        { type: 'flatten' as const },
        { type: 'linear' as const, units: 64 },
        { type: 'relu' as const },
        { type: 'dropout' as const, rate: 0.5 },
        { type: 'linear' as const, units: 10 },
      ],
    };
    expect(describeModel(dropped)).toBe('hidden 64 relu · dropout 0.5');
    expect(describeModel({ input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 10 }] })).toBe('softmax regression');
  });
});

describe('describeConfigPath', () => {
  it('names layer paths by the layer they reach', () => {
    expect(describeConfigPath('model.layers.1.units', mlp)).toBe('hidden 1 units');
    expect(describeConfigPath('model.layers.2.type', mlp)).toBe('hidden 1 activation');
    expect(describeConfigPath('model.layers.4.type', mlp)).toBe('hidden 2 activation');
    expect(describeConfigPath('model.layers.5.units', mlp)).toBe('output units');
    expect(describeConfigPath('model.layers.0.filters', cnn)).toBe('conv 1 filters');
    expect(describeConfigPath('model.layers.1.type', cnn)).toBe('conv 1 activation');
    expect(describeConfigPath('model.layers.2.size', cnn)).toBe('pool 1 size');
    expect(describeConfigPath('model.input', cnn)).toBe('input shape');
  });

  it('leaves other paths, and layers it cannot find, as they are', () => {
    expect(describeConfigPath('optimizer.momentum', mlp)).toBe('optimizer.momentum');
    expect(describeConfigPath('model.layers.9.units', mlp)).toBe('model.layers.9.units');
    expect(describeConfigPath('model.layers.1.units', undefined)).toBe('model.layers.1.units');
    expect(describeConfigPath('model.layers.0.type', mlp)).toBe('layer 0 type');
  });
});

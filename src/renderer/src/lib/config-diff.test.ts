import { describe, expect, it } from 'vitest';
import { mlpSpec, reportCnnSpec } from '../../../shared/model-presets';
import { parseRunConfig } from '../../../shared/run-config';
import { tinyConfig } from '../../../shared/testing/configs';
import { diffConfigs, flattenConfig } from './config-diff';

describe('flattenConfig', () => {
  it('dots nested objects and keeps scalar arrays whole', () => {
    const flat = flattenConfig({
      lr: 0.1,
      optimizer: { type: 'adam', beta1: 0.9 },
      model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 10 }] },
      augment: {},
    });
    expect([...flat]).toEqual([
      ['lr', '0.1'],
      ['optimizer.type', 'adam'],
      ['optimizer.beta1', '0.9'],
      ['model.input', '[1, 28, 28]'],
      ['model.layers.0.type', 'flatten'],
      ['model.layers.1.type', 'linear'],
      ['model.layers.1.units', '10'],
      ['augment', '{}'],
    ]);
  });
});

describe('diffConfigs', () => {
  it('marks paths whose values differ, including paths only one config has', () => {
    const rows = diffConfigs([
      { lr: 0.1, seed: 1 },
      { lr: 0.05, seed: 1, name: 'b' },
    ]);
    expect(rows).toEqual([
      { path: 'lr', values: ['0.1', '0.05'], differs: true },
      { path: 'seed', values: ['1', '1'], differs: false },
      { path: 'name', values: ['—', 'b'], differs: true },
    ]);
  });
});

describe('diffConfigs of an MLP and a CNN', () => {
  it('describes each model by what it is, not by layer position', () => {
    const mlp = parseRunConfig(tinyConfig({ model: mlpSpec({ hidden: [128, 64], activation: 'relu' }) }));
    const cnn = parseRunConfig(tinyConfig({ model: reportCnnSpec(), optimizer: { type: 'adam' }, lr: 0.001 }));
    const rows = diffConfigs([mlp, cnn]);
    expect(rows.filter((r) => r.path.startsWith('model.layers'))).toEqual([]);
    expect(rows.find((r) => r.path === 'model')).toEqual({
      path: 'model',
      values: ['hidden 128·64 relu', 'conv 30@5×5 relu · pool 2 · hidden 100 relu'],
      differs: true,
    });
    expect(rows.find((r) => r.path === 'model.input')).toMatchObject({ values: ['[1, 28, 28]', '[1, 28, 28]'], differs: false });
    expect(rows.filter((r) => r.differs).map((r) => r.path)).toEqual(['model', 'optimizer.type', 'lr']);
  });
});

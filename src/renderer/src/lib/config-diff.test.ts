import { describe, expect, it } from 'vitest';
import { diffConfigs, flattenConfig } from './config-diff';

describe('flattenConfig', () => {
  it('dots nested objects and keeps scalar arrays whole', () => {
    const flat = flattenConfig({ lr: 0.1, optimizer: { type: 'adam', beta1: 0.9 }, model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 10 }] }, augment: {} });
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
    const rows = diffConfigs([{ lr: 0.1, seed: 1 }, { lr: 0.05, seed: 1, name: 'b' }]);
    expect(rows).toEqual([
      { path: 'lr', values: ['0.1', '0.05'], differs: true },
      { path: 'seed', values: ['1', '1'], differs: false },
      { path: 'name', values: ['—', 'b'], differs: true },
    ]);
  });
});

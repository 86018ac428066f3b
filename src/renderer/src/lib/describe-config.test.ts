import { describe, expect, it } from 'vitest';
import { mlpSpec, reportCnnSpec } from '../../../shared/model-presets';
import { describeModel, describeOptimizer, describeScaling, describeSchedule } from './describe-config';

describe('describeModel', () => {
  it('names an MLP by its hidden sizes and activation', () => {
    expect(describeModel(mlpSpec({ hidden: [100, 100], activation: 'relu' }))).toBe('MLP 100·100 relu');
  });

  it('lists mixed activations once each', () => {
    expect(describeModel(mlpSpec({ hidden: [64, 32], activation: ['tanh', 'relu'] }))).toBe('MLP 64·32 tanh/relu');
  });

  it('calls a single linear layer softmax regression', () => {
    expect(describeModel({ input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 10 }] })).toBe('Softmax regression');
  });

  it('describes the report CNN compactly', () => {
    expect(describeModel(reportCnnSpec())).toBe('CNN 30c5·p2·100 relu');
  });
});

describe('describeOptimizer / describeSchedule', () => {
  it('names optimizers and schedules', () => {
    expect(describeOptimizer({ type: 'adam' })).toBe('Adam');
    expect(describeOptimizer({ type: 'momentum', momentum: 0.9, nesterov: true })).toBe('Nesterov');
    expect(describeSchedule({ type: 'step', everyEpochs: 5, gamma: 0.5 })).toBe('×0.5 every 5 ep');
    expect(describeSchedule({ type: 'inverse_time', decay: 0.001 })).toBe('1/(1+0.001t)');
    expect(describeSchedule({ type: 'inverse_time', decay: 0.001, per: 'epoch' })).toBe('1/(1+0.001·epoch)');
  });
});

describe('describeScaling', () => {
  it('says how the run scaled its pixels, with the statistics it measured', () => {
    expect(describeScaling('none', { mean: 0, std: 1 })).toBe('pixels/255');
    expect(describeScaling('standardize', { mean: 0.130660477, std: 0.308107805 })).toBe('standardized on its training images: (x/255 − 0.1307) / 0.3081');
    expect(describeScaling('standardize', null)).toBe('standardized (statistics known once the data is loaded)');
    expect(describeScaling({ mean: 0.5, std: 0.25 }, { mean: 0.5, std: 0.25 })).toBe('given: (x/255 − 0.5) / 0.25');
  });
});

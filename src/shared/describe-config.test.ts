import { describe, expect, it } from 'vitest';
import { describeOptimizer, describeScaling, describeSchedule } from './describe-config';

describe('describeOptimizer / describeSchedule', () => {
  it('names optimizers and schedules', () => {
    expect(describeOptimizer({ type: 'adam' })).toBe('Adam');
    expect(describeOptimizer({ type: 'momentum', momentum: 0.9, nesterov: true })).toBe('Nesterov');
    expect(describeSchedule({ type: 'step', everyEpochs: 5, gamma: 0.5 })).toBe('×0.5 every 5 ep');
  });
});

describe('describeScaling', () => {
  it('says how the run scaled its pixels, with the statistics it measured', () => {
    expect(describeScaling('none', { mean: 0, std: 1 })).toBe('pixels/255');
    expect(describeScaling('standardize', { mean: 0.130660477, std: 0.308107805 })).toBe('standardized on its training images: (x/255 − 0.1307) / 0.3081');
    expect(describeScaling('standardize', null)).toBe('standardized (statistics known once the data is loaded)');
    expect(describeScaling({ mean: 0.5, std: 0.25 }, { mean: 0.5, std: 0.25 })).toBe('given: (x/255 − 0.5) / 0.25');
  });

  it('names the decay per step or per epoch', () => {
    expect(describeSchedule({ type: 'inverse_time', decay: 0.001 })).toBe('1/(1+0.001t)');
    expect(describeSchedule({ type: 'inverse_time', decay: 0.001, per: 'epoch' })).toBe('1/(1+0.001·epoch)');
  });
});

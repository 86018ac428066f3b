import { describe, expect, it } from 'vitest';
import { describeOptimizer, describeSchedule } from './describe-config';

describe('describeOptimizer / describeSchedule', () => {
  it('names optimizers and schedules', () => {
    expect(describeOptimizer({ type: 'adam' })).toBe('Adam');
    expect(describeOptimizer({ type: 'momentum', momentum: 0.9, nesterov: true })).toBe('Nesterov');
    expect(describeSchedule({ type: 'step', everyEpochs: 5, gamma: 0.5 })).toBe('×0.5 every 5 ep');
  });
});

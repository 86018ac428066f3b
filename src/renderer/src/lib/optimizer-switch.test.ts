import { describe, expect, it } from 'vitest';
import { lrOnOptimizerChange } from './optimizer-switch';

describe('lrOnOptimizerChange', () => {
  it("moves an lr left at the old optimizer's default to the new one's", () => {
    expect(lrOnOptimizerChange('0.05', 'momentum', 'rmsprop')).toEqual({ lr: '0.001', hint: null });
    expect(lrOnOptimizerChange('1e-3', 'adam', 'sgd')).toEqual({ lr: '0.05', hint: null });
    expect(lrOnOptimizerChange(' ', 'adam', 'momentum')).toEqual({ lr: '0.05', hint: null });
  });

  it('keeps an lr the user chose, with a hint when the new optimizer usually takes another', () => {
    expect(lrOnOptimizerChange('0.1', 'momentum', 'rmsprop')).toEqual({ lr: '0.1', hint: 'Kept your 0.1: RMSProp usually starts at 1e-3' });
    expect(lrOnOptimizerChange('0.001', 'momentum', 'adam')).toEqual({ lr: '0.001', hint: null });
    // Not a number yet: kept as typed (the field's own error says why).
    expect(lrOnOptimizerChange('abc', 'sgd', 'adam').lr).toBe('abc');
  });
});

import { describe, expect, it } from 'vitest';
import { EarlyStopping } from './early-stopping';

describe('EarlyStopping', () => {
  it('stops after patience epochs without improvement and remembers the best', () => {
    const es = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    expect(es.update(0, 1.0)).toBe(false);
    expect(es.update(1, 0.5)).toBe(false);
    expect(es.update(2, 0.495)).toBe(false); // within minDelta: no improvement, waited 1
    expect(es.update(3, 0.6)).toBe(true);
    expect(es.bestLoss).toBe(0.5);
    expect(es.bestAt).toBe(1);
  });
});

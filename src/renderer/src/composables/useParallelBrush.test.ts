import { describe, expect, it } from 'vitest';
import { brushOf } from './useParallelBrush';

describe('brushOf', () => {
  const lr = { id: 'lr', name: 'LR', kind: 'number' as const, categories: [], log: true };
  const optimizer = { id: 'optimizer.type', name: 'optimizer', kind: 'category' as const, categories: ['momentum', 'adam', 'sgd'], log: false };

  it('turns a number axis selection into one range over every interval', () => {
    expect(brushOf(lr, [[0.1, 0.01]])).toEqual({ column: 'lr', label: 'LR', min: 0.01, max: 0.1 });
    expect(
      brushOf(lr, [
        [0.001, 0.002],
        [0.05, 0.1],
      ]),
    ).toEqual({ column: 'lr', label: 'LR', min: 0.001, max: 0.1 });
    expect(brushOf(lr, [])).toBeNull();
  });

  it('turns a category selection into the categories it spans', () => {
    expect(brushOf(optimizer, [[0.8, 1.3]])).toEqual({ column: 'optimizer.type', label: 'optimizer', values: ['adam'] });
    expect(brushOf(optimizer, [[0, 2]])).toMatchObject({ values: ['momentum', 'adam', 'sgd'] });
    expect(brushOf(optimizer, [[1.2, 1.8]])).toMatchObject({ values: [] });
  });
});

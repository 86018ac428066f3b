import { describe, expect, it } from 'vitest';
import { compareQuery, DEFAULT_PANELS, readCompareState } from './compare-url';

describe('compare URL state', () => {
  it('reads runs, panels with their log flag, x, group and smoothing, and writes them back', () => {
    const state = readCompareState({ ids: '3,1,3,x', panels: 'test/accuracy,train/loss:log,val/loss', x: 'time', group: 'optimizer.type', smooth: '0.8' });
    expect(state).toEqual({
      ids: [3, 1],
      panels: [
        { key: 'test/accuracy', log: false },
        { key: 'train/loss', log: true },
        { key: 'val/loss', log: false },
      ],
      x: 'time',
      group: 'optimizer.type',
      smoothing: 0.8,
    });
    expect(compareQuery(state)).toEqual({ ids: '3,1', panels: 'test/accuracy,train/loss:log,val/loss', x: 'time', group: 'optimizer.type', smooth: '0.8' });
  });

  it('falls back to defaults for what is missing or malformed', () => {
    const state = readCompareState({ panels: 'bad key!,', x: 'minutes', group: 'a..b', smooth: '2' });
    expect(state).toEqual({ ids: [], panels: [], x: 'epoch', group: null, smoothing: 0.6 });
    expect(readCompareState({}).panels).toEqual(DEFAULT_PANELS);
    expect(compareQuery({ ...readCompareState({}), ids: [1] })).toEqual({ ids: '1', panels: undefined, x: undefined, group: undefined, smooth: undefined });
  });
});

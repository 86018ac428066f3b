import { describe, expect, it } from 'vitest';
import { commonEpochs } from './common-epochs';

describe('commonEpochs', () => {
  it('keeps the epochs every run has, in order', () => {
    expect(
      commonEpochs([
        [0, 1, 2, 3],
        [2, 0, 1],
        [0, 1, 2, 5],
      ]),
    ).toEqual([0, 1, 2]);
    expect(
      commonEpochs([
        [4, 9],
        [0, 1],
      ]),
    ).toEqual([]);
    expect(commonEpochs([])).toEqual([]);
  });
});

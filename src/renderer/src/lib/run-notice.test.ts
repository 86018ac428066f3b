import { describe, expect, it } from 'vitest';
import { makeRun, scores } from '../testing/make-run';
import { runFinishedNotice } from './run-notice';

describe('the notice of a run that stopped', () => {
  it('tells of a run the user started, unless its page is open', () => {
    const run = makeRun(3, { name: 'baseline', best: scores(0.975) });
    expect(runFinishedNotice(run, null)).toEqual({ kind: 'success', text: 'baseline finished: 97.50% best test accuracy' });
    expect(runFinishedNotice(run, 3)).toBeNull();
    expect(runFinishedNotice(makeRun(4, { name: 'hot', status: 'diverged', error: 'loss became NaN' }), 3)).toEqual({
      kind: 'error',
      text: 'hot diverged: loss became NaN',
    });
    expect(runFinishedNotice(makeRun(5, { status: 'cancelled' }), null)).toBeNull();
  });

  it("leaves grid cells and a reproduction's runs to their own page", () => {
    expect(runFinishedNotice(makeRun(6, { gridId: 2 }), null)).toBeNull();
    expect(runFinishedNotice(makeRun(7, { tags: ['reproduce', 'reproduce:ablation'] }), null)).toBeNull();
    expect(runFinishedNotice(makeRun(8, { tags: ['reproducible'] }), null)).not.toBeNull();
  });
});

// ASHA against a hand-computed rung schedule, and Optuna's median rule.
import { describe, expect, it } from 'vitest';
import { ashaRungs, ashaVerdict, medianVerdict, type TrialCurve } from './early-termination';

describe('ashaRungs', () => {
  it('puts rungs at min_iter·eta^k epochs, before the last epoch', () => {
    expect(ashaRungs(1, 3, 9)).toEqual([1, 3]);
    expect(ashaRungs(1, 3, 10)).toEqual([1, 3, 9]);
    expect(ashaRungs(2, 2, 10)).toEqual([2, 4, 8]);
    expect(ashaRungs(5, 3, 5)).toEqual([]);
  });
});

describe('ashaVerdict (min_iter 1, eta 3, maximise)', () => {
  const et = { min_iter: 1, eta: 3 };
  // Trials reach epoch 1 in this order with these scores; each is judged against those that reached it before.
  const arrivals: [number, number][] = [
    [0, 0.5],
    [1, 0.3],
    [2, 0.7],
    [3, 0.6],
    [4, 0.65],
    [5, 0.2],
    [6, 0.66],
  ];
  // By hand: the bar is the sorted scores' entry max(0, floor(n/3) - 1), n counting the trial itself.
  //   n=1 bar 0.5 → 0 goes on; n=2 bar 0.5 → 1 (0.3) stops; n=3 bar 0.7 → 2 goes on; n=4 bar 0.7 → 3 (0.6) stops;
  //   n=5 bar 0.7 → 4 (0.65) stops; n=6 bar 0.65 (2nd) → 5 (0.2) stops; n=7 bar 0.66 (2nd) → 6 goes on.
  const expected = [null, 0.5, null, 0.7, 0.7, 0.65, null];

  it('stops exactly the trials below the top 1/eta at rung 1', () => {
    const curves: TrialCurve[] = [];
    arrivals.forEach(([number, score], i) => {
      curves.push({ number, values: [score], state: 'running' });
      const verdict = ashaVerdict(et, 'maximize', number, 1, curves);
      const bar = expected[i];
      if (bar === null) expect(verdict).toBeNull();
      else expect(verdict?.reason).toBe(`ASHA rung 1 (epoch 1): ${score} below the top 1/3 (${bar})`);
    });
  });

  it('judges rung 2 at epoch 3 among the trials that reached it, and nothing between rungs', () => {
    const curves: TrialCurve[] = [
      { number: 0, values: [0.5, 0.6, 0.8], state: 'running' },
      { number: 2, values: [0.7, 0.72], state: 'running' },
    ];
    expect(ashaVerdict(et, 'maximize', 2, 2, curves)).toBeNull();
    expect(ashaVerdict(et, 'maximize', 0, 3, curves)).toBeNull();
    curves[1] = { number: 2, values: [0.7, 0.72, 0.75], state: 'running' };
    expect(ashaVerdict(et, 'maximize', 2, 3, curves)?.reason).toBe('ASHA rung 2 (epoch 3): 0.75 below the top 1/3 (0.8)');
  });

  it('ranks a loss the other way', () => {
    const curves: TrialCurve[] = [
      { number: 0, values: [0.4], state: 'running' },
      { number: 1, values: [0.9], state: 'running' },
    ];
    expect(ashaVerdict(et, 'minimize', 1, 1, curves)?.reason).toBe('ASHA rung 1 (epoch 1): 0.9 above the top 1/3 (0.4)');
    expect(ashaVerdict(et, 'minimize', 0, 1, curves)).toBeNull();
  });
});

describe('medianVerdict (minimise)', () => {
  const et = { warmup_epochs: 1, min_trials: 2 };
  const complete: TrialCurve[] = [
    { number: 0, values: [1.0, 0.8, 0.6], state: 'complete' },
    { number: 1, values: [0.9, 0.7, 0.5], state: 'complete' },
  ];

  it('stops a trial whose best so far is worse than the median of complete trials at the same epoch', () => {
    const curves = [...complete, { number: 2, values: [1.2, 0.95], state: 'running' as const }];
    expect(medianVerdict(et, 'minimize', 2, 2, curves)?.reason).toBe('median rule (epoch 2): best 0.95 above the median 0.75 of 2 complete trials');
  });

  it('waits out the warm-up and the minimum number of complete trials; lets a good trial go on', () => {
    expect(medianVerdict(et, 'minimize', 2, 1, [...complete, { number: 2, values: [5], state: 'running' }])).toBeNull();
    expect(medianVerdict(et, 'minimize', 2, 2, [complete[0]!, { number: 2, values: [5, 5], state: 'running' }])).toBeNull();
    expect(medianVerdict(et, 'minimize', 2, 2, [...complete, { number: 2, values: [0.7, 0.9], state: 'running' }])).toBeNull();
    // Pruned trials do not count toward the median.
    const pruned = { number: 3, values: [0.1, 0.1], state: 'pruned' as const };
    expect(medianVerdict(et, 'minimize', 2, 2, [...complete, pruned, { number: 2, values: [0.74, 0.76], state: 'running' }])).toBeNull();
  });
});

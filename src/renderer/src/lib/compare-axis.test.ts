import { describe, expect, it } from 'vitest';
import { compareXAxis, stepsPerEpochOf } from './compare-axis';

const run = (id: number, stepsTotal: number | null, epochsTotal = 10) => ({ id, stepsTotal, epochsTotal });
const series = (steps: number[], times = steps.map((s) => s / 10)) => ({ steps, times });

describe('compareXAxis', () => {
  it('puts every run in epochs when each one knows its epoch length', () => {
    const small = run(1, 1000); // 100 steps per epoch
    const large = run(2, 4000); // 400 steps per epoch
    const axis = compareXAxis([small, large]);
    expect(axis.name).toBe('epoch');
    expect(axis.x(small, series([100, 250]))).toEqual([1, 2.5]);
    expect(axis.x(large, series([100, 400]))).toEqual([0.25, 1]);
  });

  it('falls back to steps for every run when one has no steps-per-epoch fact', () => {
    const known = run(1, 1000);
    const unknown = run(2, null);
    const axis = compareXAxis([known, unknown], 'epoch');
    expect(axis.name).toBe('step');
    // The known run is not divided either: one axis, one unit.
    expect(axis.x(known, series([100, 250]))).toEqual([100, 250]);
    expect(axis.x(unknown, series([7]))).toEqual([7]);
  });

  it('draws steps or wall time when asked', () => {
    const known = run(1, 1000);
    expect(compareXAxis([known], 'step').x(known, series([100]))).toEqual([100]);
    const time = compareXAxis([known], 'time');
    expect(time.name).toBe('time');
    expect(time.x(known, series([100, 200], [3.5, 7.25]))).toEqual([3.5, 7.25]);
  });

  it('says steps for no runs, and knows no epoch length without a total', () => {
    expect(compareXAxis([]).name).toBe('step');
    expect(stepsPerEpochOf(run(1, 0))).toBeNull();
    expect(stepsPerEpochOf(run(1, 50, 0))).toBeNull();
    expect(stepsPerEpochOf(run(1, 50, 5))).toBe(10);
  });
});

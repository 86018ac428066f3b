// Each schedule at literal steps, plus the validation of every field.
import { describe, expect, it } from 'vitest';
import { createSchedule, type ScheduleSpec } from './index';

function at(spec: ScheduleSpec, steps: number[], baseLr = 0.1, stepsPerEpoch = 10, totalSteps = 100): number[] {
  const lr = createSchedule(spec, baseLr, stepsPerEpoch, totalSteps);
  return steps.map(lr);
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `step index ${i}`).toBeCloseTo(expected[i]!, 12));
}

describe('createSchedule', () => {
  it('constant', () => {
    expectClose(at({ type: 'constant' }, [0, 1, 99, 1000]), [0.1, 0.1, 0.1, 0.1]);
  });

  it('step: halves every 2 epochs of 10 steps (step 99 is epoch 9: 4 halvings)', () => {
    expectClose(at({ type: 'step', everyEpochs: 2, gamma: 0.5 }, [0, 19, 20, 39, 40, 99]), [0.1, 0.1, 0.05, 0.05, 0.025, 0.00625]);
  });

  it('exponential: gamma per epoch, smooth within the epoch', () => {
    // 4 steps per epoch: step 2 is half an epoch → 0.1·0.5^0.5
    const lr = createSchedule({ type: 'exponential', gamma: 0.5 }, 0.1, 4, 100);
    expectClose([0, 2, 4, 8].map(lr), [0.1, 0.07071067811865475, 0.05, 0.025]);
  });

  it('inverse_time: lr/(1 + decay·step), the course report decay 0.001', () => {
    expectClose(at({ type: 'inverse_time', decay: 0.001 }, [0, 1, 1000, 3000]), [0.1, 0.0999000999000999, 0.05, 0.025]);
  });

  it('inverse_time per epoch: lr/(1 + decay·epoch), held for the whole epoch (10 steps per epoch here)', () => {
    const spec: ScheduleSpec = { type: 'inverse_time', decay: 0.001, per: 'epoch' };
    expectClose(at(spec, [0, 9, 10, 19, 20, 99]), [0.1, 0.1, 0.1 / 1.001, 0.1 / 1.001, 0.1 / 1.002, 0.1 / 1.009]);
    // The report's decay per epoch over 5 epochs of 469 steps barely moves the rate; per step it halves it.
    const perEpoch = createSchedule(spec, 0.01, 469, 5 * 469);
    const perStep = createSchedule({ type: 'inverse_time', decay: 0.001, per: 'step' }, 0.01, 469, 5 * 469);
    expect(perEpoch(5 * 469 - 1)).toBeCloseTo(0.01 / 1.004, 15);
    expect(perStep(5 * 469 - 1)).toBeCloseTo(0.01 / (1 + 0.001 * 2344), 15);
    expect(perStep(1000)).toBe(createSchedule({ type: 'inverse_time', decay: 0.001 }, 0.01, 469, 5 * 469)(1000));
  });

  it('exponential per epoch: a staircase lr·gamma^epoch', () => {
    const lr = createSchedule({ type: 'exponential', gamma: 0.5, per: 'epoch' }, 0.1, 4, 100);
    expectClose([0, 2, 3, 4, 7, 8].map(lr), [0.1, 0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('inverse_time with decay 0 is constant', () => {
    expectClose(at({ type: 'inverse_time', decay: 0 }, [0, 500]), [0.1, 0.1]);
  });

  it('cosine: from lr at step 0 to 0 at totalSteps, and stays there', () => {
    expectClose(at({ type: 'cosine' }, [0, 25, 50, 100, 250]), [0.1, 0.08535533905932738, 0.05, 0, 0]);
  });

  it('cosine with minLr ends at minLr', () => {
    expectClose(at({ type: 'cosine', minLr: 0.01 }, [0, 50, 100]), [0.1, 0.055, 0.01]);
  });

  it('cosine with warm-up: linear up to lr on the last warm-up step, then the half cosine', () => {
    const lr = createSchedule({ type: 'cosine', warmupSteps: 10 }, 0.1, 10, 110);
    expectClose([0, 4, 9, 10, 60, 110].map(lr), [0.01, 0.05, 0.1, 0.1, 0.05, 0]);
  });

  it('never returns a negative or non-finite lr over a whole run', () => {
    const specs: ScheduleSpec[] = [
      { type: 'constant' },
      { type: 'step', everyEpochs: 1, gamma: 0.1 },
      { type: 'exponential', gamma: 0.9 },
      { type: 'inverse_time', decay: 0.01 },
      { type: 'cosine', warmupSteps: 5 },
    ];
    for (const spec of specs) {
      const lr = createSchedule(spec, 0.1, 10, 100);
      for (let s = 0; s <= 120; s++) {
        const v = lr(s);
        expect(Number.isFinite(v) && v >= 0 && v <= 0.1, `${spec.type} at ${s}: ${v}`).toBe(true);
      }
    }
  });
});

describe('validation', () => {
  const bad: [unknown, RegExp][] = [
    [{ type: 'linear' }, /^schedule\.type: unknown schedule "linear"; known: constant, step, exponential, inverse_time, cosine$/],
    [{ type: 'step', everyEpochs: 0, gamma: 0.5 }, /^schedule\.everyEpochs: must be an integer >= 1, got 0$/],
    [{ type: 'step', everyEpochs: 1.5, gamma: 0.5 }, /schedule\.everyEpochs: .* got 1\.5/],
    [{ type: 'step', everyEpochs: 2 }, /^schedule\.gamma: must be a number in \(0, 1\], got undefined$/],
    [{ type: 'exponential', gamma: 0 }, /schedule\.gamma: .* got 0/],
    [{ type: 'exponential', gamma: 1.1 }, /schedule\.gamma: .* got 1\.1/],
    [{ type: 'exponential', gamma: '0.5' }, /schedule\.gamma: must be a number in \(0, 1\], got "0\.5"$/],
    [{ type: 'inverse_time', decay: -0.001 }, /^schedule\.decay: must be a finite number >= 0, got -0\.001$/],
    [{ type: 'inverse_time', decay: Number.NaN }, /schedule\.decay: .* got NaN/],
    [{ type: 'cosine', minLr: 0.2 }, /^schedule\.minLr: must be a number in \[0, lr = 0\.1\], got 0\.2$/],
    [{ type: 'cosine', warmupSteps: 100 }, /^schedule\.warmupSteps: must be an integer in \[0, totalSteps = 100\), got 100$/],
    [{ type: 'cosine', warmupSteps: -1 }, /schedule\.warmupSteps: .* got -1/],
    [{ type: 'constant', gamma: 0.5 }, /^schedule\.gamma: not a field of "constant" \(fields: none\)$/],
    [{ type: 'inverse_time', decay: 0.001, gamma: 0.5 }, /schedule\.gamma: not a field of "inverse_time" \(fields: decay, per\)/],
    [{ type: 'inverse_time', decay: 0.001, per: 'batch' }, /^schedule\.per: must be "step" or "epoch", got "batch"$/],
    [{ type: 'exponential', gamma: 0.5, per: 1 }, /^schedule\.per: must be "step" or "epoch", got 1$/],
    [{ type: 'step', everyEpochs: 1, gamma: 0.5, per: 'epoch' }, /^schedule\.per: not a field of "step" \(fields: everyEpochs, gamma\)$/],
  ];
  for (const [spec, message] of bad) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      expect(() => createSchedule(spec as ScheduleSpec, 0.1, 10, 100)).toThrow(message);
      expect(() => createSchedule(spec as ScheduleSpec, 0.1, 10, 100)).toThrow(expect.objectContaining({ name: 'ConfigError' }));
    });
  }

  it('rejects a bad base lr, epoch length or run length', () => {
    expect(() => createSchedule({ type: 'constant' }, 0, 10, 100)).toThrow(/^lr: must be a finite number > 0, got 0$/);
    expect(() => createSchedule({ type: 'constant' }, Number.NaN, 10, 100)).toThrow(/lr: .* got NaN/);
    expect(() => createSchedule({ type: 'constant' }, 0.1, 0, 100)).toThrow(/^stepsPerEpoch: must be an integer >= 1, got 0$/);
    expect(() => createSchedule({ type: 'constant' }, 0.1, 10, 2.5)).toThrow(/^totalSteps: must be an integer >= 1, got 2\.5$/);
  });
});

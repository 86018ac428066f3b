// StepBatcher: flushes by age and by count, keeps order, never emits an empty batch.
import { describe, expect, it } from 'vitest';
import type { StepMetrics } from '../../engine/train/metrics';
import { StepBatcher } from './step-batcher';

const step = (n: number): StepMetrics => ({
  step: n,
  epoch: 0,
  epochProgress: n / 100,
  loss: 1 / n,
  accuracy: 0.5,
  lr: 0.1,
  samplesPerSecond: 1000,
  elapsedSeconds: n / 10,
});

describe('StepBatcher', () => {
  it('flushes once the oldest buffered step is intervalMs old', () => {
    let t = 0;
    const batches: number[][] = [];
    const b = new StepBatcher((s) => batches.push(s.map((m) => m.step)), { intervalMs: 100, now: () => t });
    for (let i = 1; i <= 25; i++) {
      b.push(step(i));
      t += 10; // a step every 10 ms
    }
    // steps 1–11 span 100 ms (pushed at t = 0 … 100), then 12–22; 23–25 wait for a flush
    expect(batches).toEqual([Array.from({ length: 11 }, (_, i) => i + 1), Array.from({ length: 11 }, (_, i) => i + 12)]);
    b.flush();
    expect(batches[2]).toEqual([23, 24, 25]);
  });

  it('flushes at maxSteps even when the clock stands still', () => {
    const sizes: number[] = [];
    const b = new StepBatcher((s) => sizes.push(s.length), { maxSteps: 4, now: () => 0 });
    for (let i = 1; i <= 10; i++) b.push(step(i));
    b.flush();
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('copies only the protocol fields and emits nothing when empty', () => {
    const batches: object[][] = [];
    const b = new StepBatcher((s) => batches.push(s), { now: () => 0 });
    b.flush();
    b.push({ ...step(1), extra: 42 } as StepMetrics);
    b.flush();
    expect(batches).toHaveLength(1);
    expect(Object.keys(batches[0]![0]!)).not.toContain('extra');
    expect(batches[0]![0]).toEqual(step(1));
  });
});

import { describe, expect, it } from 'vitest';
import { appendPoints, compactSeries, emptySeries, epochRecordPoints, mergeLoaded, seriesFrom } from './series';

describe('series', () => {
  it('appends only steps after the last one', () => {
    const s = seriesFrom({ key: 'train/loss', steps: [1, 2], epochs: [0, 0], values: [2, 1.5], times: [0, 1] });
    expect(appendPoints(s, { steps: [2, 3, 4], epochs: [0, 0, 1], values: [1.5, 1.2, null] })).toBe(2);
    expect(s.steps).toEqual([1, 2, 3, 4]);
    expect(s.values).toEqual([2, 1.5, 1.2, null]);
    expect(s.totalPoints).toBe(4);
  });

  it('merges points that arrived live while the load was in flight', () => {
    const live = emptySeries('train/loss');
    appendPoints(live, { steps: [9, 10], epochs: [1, 1], values: [0.5, 0.4] });
    const loaded = seriesFrom({ key: 'train/loss', steps: [1, 9], epochs: [0, 1], values: [2, 0.5], times: [0, 1], totalPoints: 9 });
    const merged = mergeLoaded(loaded, live);
    expect(merged.steps).toEqual([1, 9, 10]);
    expect(merged.totalPoints).toBe(10);
  });

  it('turns an epoch record into per-epoch points, leaving out absent validation', () => {
    const pts = epochRecordPoints({
      epoch: 2,
      step: 300,
      lr: 0.1,
      trainLoss: 0.3,
      trainAccuracy: 0.9,
      trainPassLoss: 0.25,
      trainPassAccuracy: 0.92,
      testLoss: 0.35,
      testAccuracy: 0.88,
      valLoss: null,
      valAccuracy: null,
      trainSeconds: 1,
      evalSeconds: 0.1,
      samplesPerSecond: 1000,
      elapsedSeconds: 5,
    });
    expect(pts.map((p) => p.key)).toEqual(['epoch/train_loss', 'epoch/train_accuracy', 'test/loss', 'test/accuracy', 'train_pass/loss', 'train_pass/accuracy']);
    expect(pts[3]).toMatchObject({ steps: [300], epochs: [2], values: [0.88] });
    expect(pts[5]).toMatchObject({ steps: [300], values: [0.92] });
  });

  it('compacts a long series to the target, keeping its ends and its count of stored points', () => {
    const s = emptySeries('train/loss');
    const n = 30_000;
    appendPoints(s, {
      steps: Array.from({ length: n }, (_, i) => i + 1),
      epochs: new Array(n).fill(0),
      values: Array.from({ length: n }, (_, i) => Math.sin(i / 50)),
    });
    compactSeries(s, 1000);
    expect(s.steps).toHaveLength(1000);
    expect(s.steps[0]).toBe(1);
    expect(s.steps[999]).toBe(n);
    expect(s.totalPoints).toBe(n);
    // Appending after compaction still refuses old steps.
    expect(appendPoints(s, { steps: [n, n + 1], epochs: [0, 0], values: [0, 0] })).toBe(1);
  });
});

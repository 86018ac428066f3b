// Tests for the metrics repository: batched appends, NaN and Infinity, idempotent re-sends, ranges, downsampling, keys.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decimateMinMax } from '../../shared/decimate';
import { ValidationError } from '../../shared/validation';
import { NotFoundError } from './errors';
import type { MetricPoint } from './metrics.repo';
import type { Store } from './store';
import { freshStore, sampleConfig, tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-metrics-');
afterAll(() => temp.remove());
let store: Store;
let runId: number;
beforeEach(() => {
  store = freshStore(temp);
  runId = store.runs.create({ config: sampleConfig() }).id;
});
afterEach(() => store.close());

const loss = (step: number, value: number, wallTime = 1000 + step): MetricPoint => ({
  key: 'train/loss',
  step,
  epoch: Math.floor(step / 100),
  value,
  wallTime,
});

describe('MetricsRepo', () => {
  it('appends a batch and reads the series back by step, column by column', () => {
    expect(store.metrics.append(runId, [loss(3, 0.5), loss(1, 2.5), loss(2, 1.5), { key: 'lr', step: 1, epoch: 0, value: 0.1 }])).toBe(4);
    expect(store.metrics.series(runId, 'train/loss')).toEqual({
      runId,
      key: 'train/loss',
      steps: [1, 2, 3],
      epochs: [0, 0, 0],
      values: [2.5, 1.5, 0.5],
      wallTimes: [1001, 1002, 1003],
      total: 3,
    });
    expect(store.metrics.series(runId, 'nothing').steps).toEqual([]);
  });

  it('stores NaN (as NULL) and ±Infinity and reads them back', () => {
    store.metrics.append(runId, [loss(1, NaN), loss(2, Infinity), loss(3, -Infinity)]);
    expect(store.metrics.series(runId, 'train/loss').values).toEqual([NaN, Infinity, -Infinity]);
    expect(store.db.prepare('SELECT value FROM metrics WHERE step = 1').pluck().get()).toBeNull();
  });

  it('overwrites a re-sent point instead of duplicating it', () => {
    store.metrics.append(runId, [loss(1, 2.5), loss(2, 1.5)]);
    store.metrics.append(runId, [loss(2, 1.25)]);
    expect(store.metrics.series(runId, 'train/loss').values).toEqual([2.5, 1.25]);
  });

  it('writes a batch all or nothing, and names what is wrong', () => {
    store.metrics.append(runId, [loss(1, 1)]);
    expect(() => store.metrics.append(runId, [loss(2, 1), { key: '', step: 3, epoch: 0, value: 1 }])).toThrow(ValidationError);
    expect(() => store.metrics.append(runId, [loss(2, 1), loss(-1, 1)])).toThrow(/CHECK constraint failed: step >= 0/);
    expect(() => store.metrics.append(runId, [loss(2, 1), loss(2.5, 1)])).toThrow(/metrics: .*cannot store REAL value in INTEGER column metrics.step/);
    expect(store.metrics.series(runId, 'train/loss').steps).toEqual([1]);
    expect(() => store.metrics.append(999, [loss(1, 1)])).toThrow(NotFoundError);
  });

  it('stamps points without a wall time with the append time, in whole milliseconds', () => {
    const before = Date.now();
    store.metrics.append(runId, [
      { key: 'k', step: 1, epoch: 0, value: 1 },
      { key: 'k', step: 2, epoch: 0, value: 1, wallTime: 1234.6 },
    ]);
    const [t1, t2] = store.metrics.series(runId, 'k').wallTimes;
    expect(t1).toBeGreaterThanOrEqual(before);
    expect(t1).toBeLessThanOrEqual(Date.now());
    expect(t2).toBe(1235);
  });

  it('reads a step range, e.g. what arrived since the last read', () => {
    store.metrics.append(
      runId,
      Array.from({ length: 10 }, (_, i) => loss(i + 1, 10 - i)),
    );
    expect(store.metrics.series(runId, 'train/loss', { fromStep: 8 }).steps).toEqual([8, 9, 10]);
    expect(store.metrics.series(runId, 'train/loss', { fromStep: 3, toStep: 4 })).toMatchObject({ steps: [3, 4], values: [8, 7], total: 2 });
  });

  it('downsamples a long series to at most maxPoints, keeping the ends and the extremes', () => {
    const n = 20_000;
    const points = Array.from({ length: n }, (_, i) => loss(i, 1 / (1 + i / 100) + ((i * 7919) % 13) / 1000));
    points[12_345] = loss(12_345, 9.5);
    points[15_000] = loss(15_000, -1);
    for (let i = 0; i < n; i += 200) store.metrics.append(runId, points.slice(i, i + 200));
    const s = store.metrics.series(runId, 'train/loss', { maxPoints: 500 });
    expect(s.total).toBe(n);
    expect(s.steps.length).toBeLessThanOrEqual(500);
    expect(s.steps.length).toBeGreaterThan(400);
    expect(s.steps[0]).toBe(0);
    expect(s.steps.at(-1)).toBe(n - 1);
    expect(Math.max(...s.values)).toBe(9.5);
    expect(Math.min(...s.values)).toBe(-1);
    expect(s.steps).toContain(12_345);
    // Columns stay aligned after picking.
    const i = s.steps.indexOf(15_000);
    expect([s.values[i], s.epochs[i], s.wallTimes[i]]).toEqual([-1, 150, 16_000]);
    expect(store.metrics.series(runId, 'train/loss', { maxPoints: 50_000 }).steps.length).toBe(n);
  });

  it('decimates a series with NaN stretches without letting NaN win, and refuses maxPoints below 2', () => {
    const values = [1, NaN, NaN, NaN, NaN, NaN, 5, 2, 8, 3];
    store.metrics.append(
      runId,
      values.map((v, i) => loss(i, v)),
    );
    // 2 ranges between the ends: steps 1–4 (all NaN: one point kept, as NaN) and 5–8 (min 2 at 7, max 8 at 8).
    const s = store.metrics.series(runId, 'train/loss', { maxPoints: 6 });
    expect(s.steps[0]).toBe(0);
    expect(s.steps.at(-1)).toBe(9);
    expect(s.values.filter(Number.isNaN)).toHaveLength(1);
    expect(s.steps).toEqual(expect.arrayContaining([7, 8]));
    expect(s.steps.length).toBeLessThanOrEqual(6);
    expect(() => store.metrics.series(runId, 'train/loss', { maxPoints: 1 })).toThrow(/maxPoints must be an integer >= 2, got 1/);
  });

  it('counts the points of a decimated range, and returns a sparse series whole when it fits', () => {
    // Every 50th step: 40 points over 2000 steps, more steps than maxPoints but fewer points.
    store.metrics.append(
      runId,
      Array.from({ length: 40 }, (_, i) => loss(i * 50, i % 7)),
    );
    expect(store.metrics.series(runId, 'train/loss', { maxPoints: 100 })).toMatchObject({ total: 40, steps: Array.from({ length: 40 }, (_, i) => i * 50) });
    const picked = store.metrics.series(runId, 'train/loss', { maxPoints: 10 });
    expect(picked.total).toBe(40);
    expect(picked.steps.length).toBeLessThanOrEqual(10);
    expect([picked.steps[0], picked.steps.at(-1)]).toEqual([0, 1950]);
    const range = store.metrics.series(runId, 'train/loss', { fromStep: 500, toStep: 1499, maxPoints: 6 });
    expect(range.total).toBe(20);
    expect([range.steps[0], range.steps.at(-1)]).toEqual([500, 1450]);
    expect(store.metrics.series(runId, 'train/loss', { fromStep: 2000, maxPoints: 6 })).toMatchObject({ steps: [], total: 0 });
  });

  it('decimates exactly as decimateMinMax does in memory (what the test doubles serve)', () => {
    // A seeded LCG: sparse steps, repeated values (ties), and NaN stretches, over a few lengths and budgets.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const [length, maxPoints] of [
      [50, 10],
      [500, 37],
      [2000, 100],
      [300, 2],
      [40, 60],
    ] as const) {
      const points: MetricPoint[] = [];
      for (let step = 1, k = 0; k < length; k++, step += 1 + Math.floor(next() * 3)) {
        const r = next();
        points.push({ key: `m${length}`, step, epoch: Math.floor(step / 100), value: r < 0.08 ? NaN : Math.round(r * 20) / 4, wallTime: 5000 + step });
      }
      store.metrics.append(runId, points);
      const stored = store.metrics.series(runId, `m${length}`, { maxPoints });
      const memory = decimateMinMax(
        {
          key: `m${length}`,
          steps: points.map((p) => p.step),
          epochs: points.map((p) => p.epoch),
          values: points.map((p) => (Number.isNaN(p.value) ? null : p.value)),
          times: points.map((p) => p.wallTime!),
        },
        maxPoints,
      );
      expect({ length, steps: stored.steps, total: stored.total }).toEqual({ length, steps: memory.steps, total: memory.totalPoints });
      expect(stored.values.map((v) => (Number.isNaN(v) ? null : v))).toEqual(memory.values);
    }
  });

  it('lists the keys of a run with their extent and latest value', () => {
    store.metrics.append(runId, [loss(1, 2), loss(5, NaN), { key: 'test/accuracy', step: 5, epoch: 0, value: 0.9 }]);
    const other = store.runs.create({ config: sampleConfig() }).id;
    store.metrics.append(other, [{ key: 'other', step: 1, epoch: 0, value: 1 }]);
    expect(store.metrics.keys(runId)).toEqual([
      { key: 'test/accuracy', points: 1, firstStep: 5, lastStep: 5, lastValue: 0.9 },
      { key: 'train/loss', points: 2, firstStep: 1, lastStep: 5, lastValue: NaN },
    ]);
  });
});

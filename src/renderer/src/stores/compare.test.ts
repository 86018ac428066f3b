import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EpochRecord } from '../../../shared/api-types';
import { tinyConfig } from '../../../shared/testing/configs';
import type { FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { installFakeApi } from '../testing/fake-api';
import { useCompareStore } from './compare';

const LOSS = 'train/loss';
const ACC = 'test/accuracy';
let fake: FakeWorkbench;
let ids: number[];
const reads = () => fake.received.filter((r) => r.call === 'getRunsMetrics').map((r) => r.input as { runIds: number[]; keys: string[] });

beforeEach(async () => {
  fake = installFakeApi();
  ids = [];
  for (let i = 0; i < 3; i++) {
    const run = await fake.startRun(tinyConfig() as never);
    fake.addMetrics(run.id, { key: LOSS, steps: [1, 2, 3], epochs: [0, 0, 0], values: [3 - i, 2, 1], times: [0, 1, 2] });
    fake.addMetrics(run.id, { key: ACC, steps: [3], epochs: [0], values: [0.5 + i / 10], times: [2] });
    ids.push(run.id);
  }
});
afterEach(() => vi.useRealTimers());

describe('useCompareStore', () => {
  it('reads every run in one call, only the keys on screen, and only once', async () => {
    const store = useCompareStore();
    await store.load(ids, [LOSS]);
    expect(reads()).toEqual([{ runIds: ids, keys: [LOSS], maxPoints: 800 }]);
    expect(ids.map((id) => store.series.get(id)?.get(LOSS)?.values[0])).toEqual([3, 2, 1]);
    await store.load(ids, [LOSS]);
    expect(reads()).toHaveLength(1);
    // Another chart: one more call, for that key alone.
    await store.load(ids, [LOSS, ACC]);
    expect(reads()[1]).toMatchObject({ runIds: ids, keys: [ACC] });
    expect(store.series.get(ids[2]!)?.get(ACC)?.values).toEqual([0.7]);
    expect(store.series.get(ids[2]!)?.get(LOSS)?.values).toEqual([1, 2, 1]);
    expect(store.loading).toBe(false);
  });

  it('names a run that no longer exists, and still draws the others', async () => {
    const store = useCompareStore();
    await store.load([ids[0]!, 99], [LOSS]);
    expect(store.errors).toEqual({ 99: 'run 99 not found' });
    expect(store.series.get(ids[0]!)?.get(LOSS)).toBeDefined();
  });

  it('reads runs that finished epochs again, together, a second later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const store = useCompareStore();
    await store.load(ids, [LOSS, ACC]);
    const record = { epoch: 1, step: 6 } as EpochRecord;
    fake.addMetrics(ids[0]!, { key: LOSS, steps: [1, 2, 3, 4], epochs: [0, 0, 0, 1], values: [3, 2, 1, 0.5], times: [0, 1, 2, 3] });
    fake.emit({ event: 'runEpoch', payload: { runId: ids[0]!, record, hasSnapshot: false } });
    fake.emit({ event: 'runEpoch', payload: { runId: ids[1]!, record, hasSnapshot: false } });
    fake.emit({ event: 'runEpoch', payload: { runId: 42, record, hasSnapshot: false } });
    expect(reads()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reads()).toHaveLength(2);
    expect(reads()[1]).toMatchObject({ runIds: [ids[0], ids[1]], keys: [LOSS, ACC] });
    expect(store.series.get(ids[0]!)?.get(LOSS)?.steps).toEqual([1, 2, 3, 4]);
    store.stop();
    fake.emit({ event: 'runEpoch', payload: { runId: ids[0]!, record, hasSnapshot: false } });
    await vi.advanceTimersByTimeAsync(2000);
    expect(reads()).toHaveLength(2);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { tinyConfig } from '../../../shared/testing/configs';
import type { FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { installFakeApi } from '../testing/fake-api';

/** Live changes reach the page in batches (see FLUSH_MS in run.ts). */
const settle = () => new Promise((r) => setTimeout(r, 300));
import { useRunStore } from './run';

let fake: FakeWorkbench;
beforeEach(() => {
  fake = installFakeApi();
});

describe('useRunStore', () => {
  it('loads stored points, then appends live ones without duplicates', async () => {
    const run = await fake.startRun(tinyConfig() as never);
    fake.addMetrics(run.id, { key: 'train/loss', steps: [1, 2], epochs: [0, 0], values: [2.3, 2.1], times: [0, 0.1] });
    const store = useRunStore();
    await store.open(run.id);
    expect(store.seriesOf('train/loss')?.values).toEqual([2.3, 2.1]);
    const v = store.version;
    fake.emit({
      event: 'runProgress',
      payload: {
        runId: run.id,
        status: 'running',
        epoch: 0,
        epochProgress: 0.3,
        stepsDone: 3,
        stepsTotal: 10,
        metrics: [{ key: 'train/loss', steps: [2, 3], epochs: [0, 0], values: [2.1, 1.9], times: [0.1, 0.2] }],
      },
    });
    await settle();
    expect(store.seriesOf('train/loss')?.steps).toEqual([1, 2, 3]);
    expect(store.version).toBeGreaterThan(v);
    expect(store.detail?.status).toBe('running');
  });

  it('adds epoch scores and snapshot epochs from epoch events, and ignores other runs', async () => {
    const run = await fake.startRun(tinyConfig() as never);
    const store = useRunStore();
    await store.open(run.id);
    const record = {
      epoch: 0,
      step: 8,
      lr: 0.1,
      trainLoss: 0.5,
      trainAccuracy: 0.8,
      trainPassLoss: null,
      trainPassAccuracy: null,
      testLoss: 0.6,
      testAccuracy: 0.75,
      valLoss: null,
      valAccuracy: null,
      trainSeconds: 1,
      evalSeconds: 0.1,
      samplesPerSecond: 100,
      elapsedSeconds: 1.1,
    };
    fake.emit({ event: 'runEpoch', payload: { runId: run.id + 1, record, hasSnapshot: true } });
    fake.emit({ event: 'runEpoch', payload: { runId: run.id, record, hasSnapshot: true } });
    await settle();
    expect(store.seriesOf('test/accuracy')?.values).toEqual([0.75]);
    expect(store.detail?.epochs).toHaveLength(1);
    expect(store.detail?.snapshotEpochs).toEqual([0]);
  });

  it('batches a burst of progress events into one update', async () => {
    const run = await fake.startRun(tinyConfig() as never);
    const store = useRunStore();
    await store.open(run.id);
    const v = store.version;
    for (let step = 1; step <= 50; step++) {
      fake.emit({
        event: 'runProgress',
        payload: {
          runId: run.id,
          status: 'running',
          epoch: 0,
          epochProgress: step / 50,
          stepsDone: step,
          stepsTotal: 50,
          metrics: [{ key: 'train/loss', steps: [step], epochs: [0], values: [1 / step], times: [step] }],
        },
      });
    }
    expect(store.version).toBe(v);
    await settle();
    expect(store.version).toBe(v + 1);
    expect(store.seriesOf('train/loss')?.steps).toHaveLength(50);
  });

  it('shows a load error on the page', async () => {
    const store = useRunStore();
    await store.open(42);
    expect(store.error).toMatch(/run 42 not found/);
  });
});

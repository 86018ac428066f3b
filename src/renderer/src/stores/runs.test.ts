import { beforeEach, describe, expect, it } from 'vitest';
import { tinyConfig } from '../../../shared/testing/configs';
import type { FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { makeRun } from '../testing/make-run';
import { flush, installFakeApi } from '../testing/fake-api';
import { runFraction, useRunsStore } from './runs';

let fake: FakeWorkbench;
beforeEach(() => {
  fake = installFakeApi();
});

describe('useRunsStore', () => {
  it('loads runs newest first and follows created, updated and deleted events', async () => {
    await fake.startRun(tinyConfig({ name: 'a' }) as never);
    const store = useRunsStore();
    await store.load();
    expect(store.runs.map((r) => r.name)).toEqual(['a']);
    await fake.startRun(tinyConfig({ name: 'b' }) as never);
    await flush();
    expect(store.runs.map((r) => r.name)).toEqual(['b', 'a']);
    fake.setStatus(1, 'running');
    await flush();
    expect(store.get(1)?.status).toBe('running');
    await fake.deleteRun({ id: 2 });
    await flush();
    expect(store.runs.map((r) => r.id)).toEqual([1]);
  });

  it('keeps live progress for running runs and drops it when they stop', async () => {
    const store = useRunsStore();
    await store.load();
    await store.start(tinyConfig());
    fake.setStatus(1, 'running');
    fake.emit({ event: 'runProgress', payload: { runId: 1, status: 'running', epoch: 0, epochProgress: 0.5, stepsDone: 4, stepsTotal: 16, metrics: [] } });
    await flush();
    expect(store.progress.get(1)?.stepsDone).toBe(4);
    expect(runFraction(store.get(1)!, store.progress.get(1))).toBe(0.25);
    fake.setStatus(1, 'completed');
    await flush();
    expect(store.progress.has(1)).toBe(false);
  });

  it('renames and tags through the service, and drops deleted runs from the selection', async () => {
    const store = useRunsStore();
    await store.load();
    const run = await store.start(tinyConfig());
    await store.rename(run.id, 'renamed');
    await store.tag(run.id, 'report');
    expect(store.get(run.id)).toMatchObject({ name: 'renamed', tags: ['report'] });
    store.toggleSelected(run.id);
    await store.remove(run.id);
    expect(store.selected.size).toBe(0);
    expect(store.runs).toEqual([]);
  });

  it('tells listeners when a run it saw training stops', async () => {
    const store = useRunsStore();
    await store.load();
    const finished: string[] = [];
    store.onFinished((r) => finished.push(`${r.id}:${r.status}`));
    const run = await store.start(tinyConfig());
    fake.setStatus(run.id, 'running');
    fake.setStatus(run.id, 'completed');
    fake.setStatus(run.id, 'completed');
    await flush();
    expect(finished).toEqual([`${run.id}:completed`]);
  });

  it('rejects with the service error so the caller can show it', async () => {
    const store = useRunsStore();
    await expect(store.rename(99, 'x')).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(store.rename(99, '')).rejects.toMatchObject({ name: 'ValidationError', field: 'name' });
  });
});

describe('runFraction', () => {
  it('falls back to epochs when steps are unknown', () => {
    expect(runFraction(makeRun(1, { status: 'running', stepsTotal: null, epochsDone: 1, epochsTotal: 4 }), undefined)).toBe(0.25);
    expect(runFraction(makeRun(1, { status: 'completed', stepsDone: 3, stepsTotal: 16 }), undefined)).toBe(1);
  });
});

// The run manager with real training processes and a real SQLite file: parallel runs, the queue, cancel,
// crashes, re-runs and forks, grids, and a refused second owner of the data folder.
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import { parseRunConfig } from '../../shared/run-config';
import { ValidationError } from '../../shared/validation';
import type { Run } from '../db';
import { DataDirLockedError } from './data-dir-lock';
import { createForkHost } from './fork-host';
import { gridCells } from './grid-runs';
import type { ProcessHost } from './process-host';
import { RunManager } from './run-manager';
import { readEpochRecords } from './run-metrics';
import { FAKE_WORKER, type ManagerFixture, managerFixture, spyHost, tinyConfig, until } from './testing/manager-fixtures';

let fixture: ManagerFixture | undefined;
const setUp = (...args: Parameters<typeof managerFixture>) => (fixture = managerFixture(...args));
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/** 784·16 + 16 + 16·10 + 10 */
const TINY_PARAMS = 12_730;

describe('RunManager', () => {
  it('runs two runs in parallel to completion with every metric, artifact and fact stored', async () => {
    const { manager, store } = setUp({ concurrency: 2 });
    let maxRunning = 0;
    manager.events.on('runUpdated', () => (maxRunning = Math.max(maxRunning, manager.runningRuns().length)));
    const a = manager.startRun(tinyConfig());
    const b = manager.startRun(tinyConfig({ seed: 2 }));
    expect([a.status, b.status]).toEqual(['running', 'running']);
    await manager.whenIdle();
    expect(maxRunning).toBe(2);
    for (const run of [a, b].map((r) => store.runs.get(r.id)!)) {
      expect(run).toMatchObject({
        status: 'completed',
        error: null,
        epochsDone: 2,
        stepsDone: 20,
        engineVersion: expect.any(String),
        kernels: expect.stringMatching(/./),
      });
      expect(run.datasetHash).toMatch(/^[0-9a-f]{64}$/);
      const loss = store.metrics.series(run.id, METRIC_KEYS.loss);
      expect(loss.steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(store.metrics.series(run.id, METRIC_KEYS.lr).values.every((v) => v === 0.05)).toBe(true);
      const epochs = readEpochRecords(store.metrics, run.id);
      expect(epochs.map((e) => [e.epoch, e.step])).toEqual([
        [0, 10],
        [1, 20],
      ]);
      expect(epochs[1]!.testAccuracy).toBe(run.testAccuracy);
      expect(run).toMatchObject({ parameterCount: TINY_PARAMS, stepsTotal: 20, stopReason: 'completed' });
      expect(store.metrics.series(run.id, 'param/layers.1.weight/std').values).toHaveLength(2);
      expect(store.artifacts.histograms(run.id, { epoch: 1 }).map((h) => h.param)).toEqual([
        'layers.1.bias',
        'layers.1.weight',
        'layers.3.bias',
        'layers.3.weight',
      ]);
      expect(store.artifacts.confusion(run.id, 'test')!.counts.reduce((s, c) => s + c, 0)).toBe(100);
      expect(store.artifacts.snapshots(run.id).map((s) => [s.epoch, s.param, s.shape])).toEqual([
        [0, 'layers.1.weight', [16, 784]],
        [1, 'layers.1.weight', [16, 784]],
      ]);
      expect(store.artifacts.weights(run.id)!.data.byteLength).toBeGreaterThan(TINY_PARAMS * 4);
    }
  });

  it('emits progress, epoch (after its snapshot) and status events with the API payloads', async () => {
    const { manager, store } = setUp();
    const seen: string[] = [];
    const progress: number[] = [];
    manager.events.on('runUpdated', (r) => seen.push(`updated:${r.status}`));
    manager.events.on('runProgress', (p) => progress.push(...p.metrics.find((m) => m.key === METRIC_KEYS.loss)!.steps));
    manager.events.on('runEpoch', (e) => {
      seen.push(`epoch:${e.record.epoch}:${e.hasSnapshot}`);
      // "now readable": the weight snapshot of that epoch is already stored.
      expect(store.artifacts.snapshots(e.runId).map((s) => s.epoch)).toContain(e.record.epoch);
    });
    const run = manager.startRun(tinyConfig());
    await manager.waitFor(run.id);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.filter((s) => !s.startsWith('updated:running'))).toEqual(['updated:queued', 'epoch:0:true', 'epoch:1:true', 'updated:completed']);
  });

  it('with concurrency 1 keeps the second run queued until the first has ended', async () => {
    const { manager, store, host } = setUp({ concurrency: 1 });
    const a = manager.startRun(tinyConfig());
    const b = manager.startRun(tinyConfig());
    expect([a.status, b.status, host.spawned.length]).toEqual(['running', 'queued', 1]);
    expect(manager.queuedRuns()).toEqual([b.id]);
    await manager.whenIdle();
    const [ra, rb] = [store.runs.get(a.id)!, store.runs.get(b.id)!];
    expect([ra.status, rb.status]).toEqual(['completed', 'completed']);
    expect(rb.startedAt!).toBeGreaterThanOrEqual(ra.finishedAt!);
  });

  it('cancels a queued run at once and a running one at its next step, keeping what it recorded', async () => {
    const { manager, store, host } = setUp({ concurrency: 1 });
    const a = manager.startRun(tinyConfig({ epochs: 500 }));
    const b = manager.startRun(tinyConfig());
    expect((await manager.cancel(b.id)).status).toBe('cancelled');
    await until(() => store.runs.get(a.id)!.stepsDone >= 15, 'run a to train a little');
    const cancelled = await manager.cancel(a.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', error: expect.stringMatching(/^cancelled at step \d+/) });
    expect(cancelled.stepsDone).toBeLessThan(500 * 10);
    expect(store.metrics.series(a.id, METRIC_KEYS.loss).total).toBe(cancelled.stepsDone);
    expect(store.artifacts.weights(a.id)).toBeDefined();
    expect(host.spawned).toHaveLength(1); // b never started
    expect(store.metrics.keys(b.id)).toEqual([]);
    expect(await manager.cancel(a.id)).toMatchObject({ status: 'cancelled' }); // a finished run stays as it is
  });

  it('kills a run whose process ignores cancel after the grace period', async () => {
    const env = { ...process.env, NNWB_FAKE_WORKER: 'deaf' };
    const { manager } = setUp({ workerEntry: FAKE_WORKER, cancelGraceMs: 200 }, spyHost(createForkHost({ env })));
    const run = manager.startRun(tinyConfig());
    const t0 = Date.now();
    expect(await manager.cancel(run.id)).toMatchObject({ status: 'cancelled', error: 'cancelled: the training process did not stop in time and was killed' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200);
  });

  it('marks a worker killed with SIGKILL mid-run failed with the reason, keeping the metrics so far', async () => {
    const { manager, store, host } = setUp();
    const run = manager.startRun(tinyConfig({ epochs: 500 }));
    await until(() => store.runs.get(run.id)!.epochsDone >= 1, 'an epoch');
    process.kill(host.spawned[0]!.pid!, 'SIGKILL');
    const failed = await manager.waitFor(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^the training process was killed by SIGKILL before the run ended/);
    expect(store.metrics.series(run.id, METRIC_KEYS.loss).total).toBeGreaterThanOrEqual(10);
    expect(store.metrics.series(run.id, METRIC_KEYS.testAccuracy).total).toBeGreaterThanOrEqual(1);
    expect(store.artifacts.weights(run.id)).toBeUndefined();
  });

  it('fails a run with the worker error (a missing dataset folder) and moves on to the next', async () => {
    const { manager, store } = setUp({ concurrency: 1 });
    const bad = manager.startRun(tinyConfig({ dataset: { name: 'folder', path: '/nonexistent/mnist' } }));
    const good = manager.startRun(tinyConfig());
    await manager.whenIdle();
    expect(store.runs.get(bad.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^DatasetError: .*\/nonexistent\/mnist/) });
    expect(store.runs.get(good.id)!.status).toBe('completed');
  });

  it('fails a run whose process cannot start or dies at once, with the reason and its stderr', async () => {
    const { manager, store } = setUp({ workerEntry: '/nonexistent/entry.js' });
    const crashed = manager.startRun(tinyConfig());
    expect(await manager.waitFor(crashed.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^the training process exited with code 1 before the run ended\n[^]*Cannot find module '\/nonexistent\/entry.js'/),
    });
    const failingHost: ProcessHost = {
      kind: 'fork',
      spawn() {
        throw new Error('spawn EAGAIN');
      },
    };
    const broken = new RunManager(store, failingHost, { dataDir: null });
    broken.start();
    const run = broken.startRun(tinyConfig());
    expect(run).toMatchObject({ status: 'failed', error: 'could not start the training process: spawn EAGAIN' });
    await broken.shutdown();
  });

  it('re-runs to identical numbers and forks with validated overrides', async () => {
    const { manager, store } = setUp({ concurrency: 1 });
    const first = manager.startRun(tinyConfig({ name: 'base' }));
    const again = manager.rerun(first.id);
    const fork = manager.fork(first.id, { lr: 0.02, optimizer: { type: 'adam' } });
    await manager.whenIdle();
    const [a, b, f] = [first, again, fork].map((r) => store.runs.get(r.id)!) as [Run, Run, Run];
    expect(b).toMatchObject({ status: 'completed', parentRunId: a.id, name: 'base (re-run)', seed: a.seed, config: a.config });
    expect([b.testLoss, b.testAccuracy, b.trainLoss]).toEqual([a.testLoss, a.testAccuracy, a.trainLoss]);
    expect(store.metrics.series(b.id, METRIC_KEYS.loss).values).toEqual(store.metrics.series(a.id, METRIC_KEYS.loss).values);
    expect(store.artifacts.weights(b.id)!.data).toEqual(store.artifacts.weights(a.id)!.data);
    expect(f).toMatchObject({ status: 'completed', parentRunId: a.id, name: 'base (fork: lr=0.02 optimizer=adam)' });
    expect(f.config).toEqual({ ...a.config, lr: 0.02, optimizer: { type: 'adam' } });
    const before = store.runs.count();
    expect(() => manager.fork(first.id, { lr: -1 })).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'overrides.lr' }));
    expect(() => manager.fork(first.id, { batchSize: 10, bogus: 1 })).toThrow(ValidationError);
    expect(store.runs.count()).toBe(before);
  });

  it('runs a 2×2 grid to completion, one run per cell with the right config', async () => {
    const { manager, store } = setUp({ concurrency: 2 });
    const { experiment, runs } = manager.startGrid({
      base: tinyConfig({ epochs: 1 }),
      parameters: { lr: { values: [0.01, 0.05] }, l2: { min: 0.0001, max: 0.01, count: 2, log: true } },
    });
    expect(experiment).toMatchObject({ kind: 'grid', name: 'grid lr × l2', runCount: 4 });
    expect(runs.map((r) => r.name)).toEqual(['lr=0.01 l2=0.0001', 'lr=0.01 l2=0.01', 'lr=0.05 l2=0.0001', 'lr=0.05 l2=0.01']);
    expect(runs.map((r) => r.status)).toEqual(['running', 'running', 'queued', 'queued']);
    await manager.whenIdle();
    const cells = gridCells(experiment.spec as never, store.runs.list({ experimentId: experiment.id }));
    expect(cells.map((c) => [c.params, c.run.status, c.run.config.lr, c.run.config.l2])).toEqual([
      [{ lr: 0.01, l2: 0.0001 }, 'completed', 0.01, 0.0001],
      [{ lr: 0.01, l2: 0.01 }, 'completed', 0.01, 0.01],
      [{ lr: 0.05, l2: 0.0001 }, 'completed', 0.05, 0.0001],
      [{ lr: 0.05, l2: 0.01 }, 'completed', 0.05, 0.01],
    ]);
    const refined = manager.proposeRefinement(experiment.id, { base: { epochs: 2 } });
    expect(refined).toMatchObject({ parentGridId: experiment.id, base: { epochs: 2 } });
  });

  it('shuts down keeping the queue; the next start requeues it in order and marks leftovers interrupted', async () => {
    const { manager, store, temp } = setUp({ concurrency: 1 });
    const a = manager.startRun(tinyConfig({ epochs: 500 }));
    const b = manager.startRun(tinyConfig());
    const c = manager.startRun(tinyConfig({ seed: 3 }));
    await until(() => store.runs.get(a.id)!.stepsDone > 0, 'run a to start training');
    await manager.shutdown({ keepQueued: true });
    expect([a, b, c].map((r) => store.runs.get(r.id)!.status)).toEqual(['cancelled', 'queued', 'queued']);
    // A run some dead process left running.
    const orphan = store.runs.setStatus(store.runs.create({ config: parseRunConfig(tinyConfig()) }).id, 'running');

    const next = new RunManager(store, createForkHost(), { concurrency: 1, dataDir: temp.dir, progressIntervalMs: 20 });
    expect(next.start()).toEqual({ interrupted: 1, requeued: [b.id, c.id] });
    await next.whenIdle();
    await next.shutdown();
    expect([b, c, orphan].map((r) => store.runs.get(r.id)!.status)).toEqual(['completed', 'completed', 'interrupted']);
    expect(store.runs.get(c.id)!.startedAt!).toBeGreaterThanOrEqual(store.runs.get(b.id)!.finishedAt!);
  });

  it('refuses a second live manager on the same data folder, and allows one after shutdown', async () => {
    const { store, temp, manager } = setUp();
    const second = new RunManager(store, createForkHost(), { dataDir: temp.dir });
    expect(() => second.start()).toThrow(DataDirLockedError);
    expect(() => second.start()).toThrow(/in use by another NN Workbench \(pid \d+, this process\)/);
    await manager.shutdown();
    const third = new RunManager(store, createForkHost(), { dataDir: temp.dir });
    expect(third.start()).toEqual({ interrupted: 0, requeued: [] });
    await third.shutdown();
  });

  it('refuses to queue before start()', () => {
    const { store } = setUp();
    const idle = new RunManager(store, createForkHost(), { dataDir: null });
    expect(() => idle.startRun(tinyConfig())).toThrow(/not started/);
  });
});

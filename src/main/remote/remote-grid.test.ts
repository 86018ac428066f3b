// Remote workers end to end, with a real redis-server and real worker processes: a grid on two workers recorded
// as a local run is, a worker killed mid-run, Redis restarted mid-grid, and the app closed while workers train.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import type { Run } from '../db';
import { readEpochRecords } from '../runs/run-metrics';
import { tinyConfig, until } from '../runs/testing/manager-fixtures';
import { openRemoteApp, type RemoteApp, tempFolder } from './testing/remote-fixture';
import { NO_REDIS_REASON, startRedis, startWorker, type TestRedis, type WorkerProcess } from './testing/redis-server';

const TIMEOUT = 240_000;
let redis: TestRedis;
let workers: WorkerProcess[] = [];
let app: RemoteApp | undefined;
const temp = tempFolder('nnw-remote-');

beforeAll(async () => {
  if (!NO_REDIS_REASON) redis = await startRedis();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});
afterAll(async () => {
  await redis?.stop();
  temp.remove();
});

/** A run of a few seconds: 1000 samples, 40 epochs. */
const longConfig = (seed: number) => tinyConfig({ limitTrain: 1000, limitTest: 200, epochs: 40, seed });

function series(app: RemoteApp, id: number) {
  const loss = app.store.metrics.series(id, METRIC_KEYS.loss);
  return { steps: loss.steps, values: loss.values, epochs: readEpochRecords(app.store.metrics, id).map((e) => [e.epoch, e.step, e.testAccuracy]) };
}

describe.skipIf(NO_REDIS_REASON !== null)(`remote workers (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  it(
    'trains a grid of 8 cells on 2 worker processes, each recorded with its worker and the metrics of a local run',
    async () => {
      const fresh = tempFolder('nnw-remote-grid-');
      app = await openRemoteApp(fresh, redis.url);
      workers = [startWorker(redis.url, 'alpha'), startWorker(redis.url, 'beta')];
      const spec = { name: 'remote grid', base: tinyConfig(), parameters: { lr: { values: [0.01, 0.05] }, seed: { values: [1, 2, 3, 4] } } };
      const grid = app.manager.startGrid(spec, 'workers');
      expect(grid.runs).toHaveLength(8);
      expect(grid.runs.every((r) => r.placement === 'workers' && r.status === 'queued')).toBe(true);
      await app.manager.whenIdle();
      const runs = grid.runs.map((r) => app!.store.runs.get(r.id)!);
      expect(runs.map((r) => [r.status, r.error])).toEqual(runs.map(() => ['completed', null]));
      expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['alpha', 'beta']));
      // The same cell trained by a local process gives the same numbers, point for point.
      const local = app.manager.startRun(runs[0]!.config);
      await app.manager.waitFor(local.id);
      expect(series(app, runs[0]!.id)).toEqual(series(app, local.id));
      expect(app.store.artifacts.weights(runs[0]!.id)!.data).toEqual(app.store.artifacts.weights(local.id)!.data);
      expect(app.store.runs.get(local.id)).toMatchObject({ placement: 'local', worker: null });
    },
    TIMEOUT,
  );

  it(
    'hands the run of a worker killed with SIGKILL to another, which records it once with its full history',
    async () => {
      app = await openRemoteApp(temp, redis.url);
      const first = startWorker(redis.url, 'doomed');
      workers = [first];
      const run = app.manager.startRun(longConfig(7), { placement: 'workers' });
      await until(() => app!.store.runs.get(run.id)!.stepsDone > 20, 'the run to train on the first worker', 120_000);
      expect(app.store.runs.get(run.id)!.worker).toBe('doomed');
      first.proc.kill('SIGKILL');
      workers.push(startWorker(redis.url, 'survivor'));
      const done = await app.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'survivor', epochsDone: 40, stepsDone: 1280 });
      const { steps, epochs } = series(app, run.id);
      expect(steps).toEqual(Array.from({ length: 1280 }, (_, i) => i + 1));
      expect(epochs.map((e) => e[0])).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(app.store.remote.attempt(run.id)!.attempt).toBeGreaterThan(1);
    },
    TIMEOUT,
  );

  it(
    'goes on through a restart of redis-server mid-grid: every run completes with every step',
    async () => {
      app = await openRemoteApp(temp, redis.url);
      workers = [startWorker(redis.url, 'w1'), startWorker(redis.url, 'w2')];
      const grid = app.manager.startGrid({ name: 'restart grid', base: longConfig(1), parameters: { seed: { values: [1, 2, 3, 4] } } }, 'workers');
      await until(() => grid.runs.some((r) => app!.store.runs.get(r.id)!.stepsDone > 10), 'a run to train', 120_000);
      await redis.restart();
      await app.manager.whenIdle();
      for (const r of grid.runs) {
        const run = app.store.runs.get(r.id)!;
        expect(run).toMatchObject({ status: 'completed', epochsDone: 40 });
        expect(series(app, r.id).steps).toEqual(Array.from({ length: 1280 }, (_, i) => i + 1));
      }
    },
    TIMEOUT,
  );

  it(
    'catches up on runs that trained while the app was closed',
    async () => {
      const folder = tempFolder('nnw-remote-closed-');
      app = await openRemoteApp(folder, redis.url);
      workers = [startWorker(redis.url, 'night-shift')];
      const run: Run = app.manager.startRun(longConfig(3), { placement: 'workers' });
      await until(() => app!.store.runs.get(run.id)!.stepsDone > 10, 'the run to start', 120_000);
      await app.close();
      app = undefined;
      await new Promise((r) => setTimeout(r, 3000));
      app = await openRemoteApp(folder, redis.url);
      expect(app.store.runs.get(run.id)!.status).not.toBe('interrupted');
      const done = await app.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'night-shift', epochsDone: 40 });
      expect(series(app, run.id).steps).toEqual(Array.from({ length: 1280 }, (_, i) => i + 1));
    },
    TIMEOUT,
  );
});

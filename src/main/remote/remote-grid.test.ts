// Remote workers end to end, with a real redis-server and real worker processes: a grid on two workers recorded
// as a local run is, a worker killed mid-run, Redis restarted mid-grid, and the app closed while workers train.
import { describe, expect, it, onTestFinished } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import type { Run } from '../db';
import { readEpochRecords } from '../runs/run-metrics';
import { tinyConfig, until } from '../runs/testing/manager-fixtures';
import { openRemoteApp, type RemoteApp, tempFolder } from './testing/remote-fixture';
import { NO_REDIS_REASON, startWorker } from './testing/redis-server';
import { remoteSuite } from './testing/remote-suite';

const TIMEOUT = 240_000;
const suite = remoteSuite('nnw-remote-', { app: 'per-test' });

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
      onTestFinished(() => fresh.remove());
      suite.app = await openRemoteApp(fresh, suite.redis.url);
      suite.workers = [startWorker(suite.redis.url, 'alpha'), startWorker(suite.redis.url, 'beta')];
      const spec = { name: 'remote grid', base: tinyConfig(), parameters: { lr: { values: [0.01, 0.05] }, seed: { values: [1, 2, 3, 4] } } };
      const grid = suite.app.manager.startGrid(spec, 'workers');
      expect(grid.runs).toHaveLength(8);
      expect(grid.runs.every((r) => r.placement === 'workers' && r.status === 'queued')).toBe(true);
      await suite.app.manager.whenIdle();
      const runs = grid.runs.map((r) => suite.app!.store.runs.get(r.id)!);
      expect(runs.map((r) => [r.status, r.error])).toEqual(runs.map(() => ['completed', null]));
      expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['alpha', 'beta']));
      // The same cell trained by a local process gives the same numbers, point for point.
      const local = suite.app.manager.startRun(runs[0]!.config);
      await suite.app.manager.waitFor(local.id);
      expect(series(suite.app, runs[0]!.id)).toEqual(series(suite.app, local.id));
      expect(suite.app.store.artifacts.weights(runs[0]!.id)!.data).toEqual(suite.app.store.artifacts.weights(local.id)!.data);
      expect(suite.app.store.runs.get(local.id)).toMatchObject({ placement: 'local', worker: null });
    },
    TIMEOUT,
  );

  it(
    'hands the run of a worker killed with SIGKILL to another, which records it once with its full history',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      const first = startWorker(suite.redis.url, 'doomed');
      suite.workers = [first];
      const run = suite.app.manager.startRun(longConfig(7), { placement: 'workers' });
      await until(() => suite.app!.store.runs.get(run.id)!.stepsDone > 20, 'the run to train on the first worker', 120_000);
      expect(suite.app.store.runs.get(run.id)!.worker).toBe('doomed');
      first.proc.kill('SIGKILL');
      suite.workers.push(startWorker(suite.redis.url, 'survivor'));
      const done = await suite.app.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'survivor', epochsDone: 40, stepsDone: 1280 });
      const { steps, epochs } = series(suite.app, run.id);
      expect(steps).toEqual(Array.from({ length: 1280 }, (_, i) => i + 1));
      expect(epochs.map((e) => e[0])).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(suite.app.store.remote.attempt(run.id)!.attempt).toBeGreaterThan(1);
    },
    TIMEOUT,
  );

  it(
    'goes on through a restart of redis-server mid-grid: every run completes with every step',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      suite.workers = [startWorker(suite.redis.url, 'w1'), startWorker(suite.redis.url, 'w2')];
      const grid = suite.app.manager.startGrid({ name: 'restart grid', base: longConfig(1), parameters: { seed: { values: [1, 2, 3, 4] } } }, 'workers');
      await until(() => grid.runs.some((r) => suite.app!.store.runs.get(r.id)!.stepsDone > 10), 'a run to train', 120_000);
      await suite.redis.restart();
      await suite.app.manager.whenIdle();
      for (const r of grid.runs) {
        const run = suite.app.store.runs.get(r.id)!;
        expect(run).toMatchObject({ status: 'completed', epochsDone: 40 });
        expect(series(suite.app, r.id).steps).toEqual(Array.from({ length: 1280 }, (_, i) => i + 1));
      }
    },
    TIMEOUT,
  );

  it(
    'catches up on runs that trained while the app was closed',
    async () => {
      const folder = tempFolder('nnw-remote-closed-');
      onTestFinished(() => folder.remove());
      suite.app = await openRemoteApp(folder, suite.redis.url);
      suite.workers = [startWorker(suite.redis.url, 'night-shift')];
      const run: Run = suite.app.manager.startRun(longConfig(3), { placement: 'workers' });
      await until(() => suite.app!.store.runs.get(run.id)!.stepsDone > 10, 'the run to start', 120_000);
      await suite.app.close();
      suite.app = undefined;
      await new Promise((r) => setTimeout(r, 3000));
      suite.app = await openRemoteApp(folder, suite.redis.url);
      expect(suite.app.store.runs.get(run.id)!.status).not.toBe('interrupted');
      const done = await suite.app.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'night-shift', epochsDone: 40 });
      expect(series(suite.app, run.id).steps).toEqual(Array.from({ length: 1280 }, (_, i) => i + 1));
    },
    TIMEOUT,
  );
});

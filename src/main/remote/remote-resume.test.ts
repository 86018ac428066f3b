// Exact resume on remote workers, with a real redis-server and real worker processes: a worker SIGKILLed after
// epoch 2 of 4 hands its run to another, which continues from the checkpoint the app stored and ends with the same
// weights and metrics as a straight local run; a worker killed before any checkpoint has its run restarted.
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import { parseRunConfig } from '../../shared/run-config';
import { readCheckpointFile } from '../runs/checkpoint-files';
import { tinyConfig, until } from '../runs/testing/manager-fixtures';
import { runRecord } from '../runs/testing/run-record';
import { openRemoteApp } from './testing/remote-fixture';
import { NO_REDIS_REASON, startWorker, workerSays } from './testing/redis-server';
import { remoteSuite } from './testing/remote-suite';

const TIMEOUT = 240_000;
const suite = remoteSuite('nnw-remote-resume-', { app: 'per-file' });
/** 4 epochs of 9 steps (a tenth of the 300 samples held out for validation), as the local resume tests train. */
const config = parseRunConfig(tinyConfig({ epochs: 4, validationSplit: 0.1 }));

/** Starts a worker that stops dead after recording step `holdAt`, waits for the app to record it, and kills it. */
async function killWorkerAtStep(id: number, holdAt: number, checkpointEpoch?: number): Promise<void> {
  const doomed = startWorker(suite.redis.url, 'doomed', [], { NNWB_TEST_HOLD_AT_STEP: String(holdAt) });
  suite.workers.push(doomed);
  const recorded = () =>
    suite.app!.store.runs.get(id)!.stepsDone === holdAt &&
    (checkpointEpoch === undefined || suite.app!.store.checkpoints.get(id, checkpointEpoch) !== undefined);
  await until(recorded, `run ${id} to record step ${holdAt} on the first worker`, 120_000);
  expect(suite.app!.store.runs.get(id)!.worker).toBe('doomed');
  // Its training process sees the worker gone and exits: nothing of this attempt trains on.
  doomed.proc.kill('SIGKILL');
  await doomed.exited;
}

describe.skipIf(NO_REDIS_REASON !== null)(`exact resume on remote workers (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  let straight: number;

  beforeAll(async () => {
    suite.app = await openRemoteApp(suite.temp, suite.redis.url);
    straight = suite.app.manager.startRun(config).id;
    await suite.app.manager.waitFor(straight);
  }, TIMEOUT);

  it(
    'continues a run whose worker was SIGKILLed after epoch 2 of 4 from its checkpoint, to the straight local run',
    async () => {
      const run = suite.app!.manager.startRun(config, { placement: 'workers' });
      await killWorkerAtStep(run.id, 21, 2);
      const firstPoint = suite.app!.store.metrics.series(run.id, METRIC_KEYS.loss).wallTimes[0];
      const survivor = startWorker(suite.redis.url, 'survivor');
      suite.workers.push(survivor);
      const done = await suite.app!.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'survivor', epochsDone: 4 });
      await workerSays(survivor, `run ${run.id}: training (attempt 2, from epoch 2)`);
      expect(suite.app!.store.remote.attempt(run.id)!.attempt).toBe(2);
      // Epochs 1–2 are the first worker's points, kept; everything after is the survivor's, recorded once.
      expect(suite.app!.store.metrics.series(run.id, METRIC_KEYS.loss).wallTimes[0]).toBe(firstPoint);
      expect(runRecord(suite.app!.store, run.id)).toEqual(runRecord(suite.app!.store, straight));
      // Its checkpoints are kept as a local run's (last and best, same steps and scores), each file matching its row.
      const facts = (id: number) => suite.app!.store.checkpoints.list(id).map((c) => [c.epochsDone, c.step, c.score]);
      expect(facts(run.id)).toEqual(facts(straight));
      for (const c of suite.app!.store.checkpoints.list(run.id)) expect(readCheckpointFile(suite.temp.dir, c).length).toBe(c.bytes);
    },
    TIMEOUT,
  );

  it(
    'restarts a run whose worker was SIGKILLed before its first checkpoint, replacing what it recorded',
    async () => {
      const run = suite.app!.manager.startRun(config, { placement: 'workers' });
      await killWorkerAtStep(run.id, 5);
      expect(suite.app!.store.checkpoints.list(run.id)).toEqual([]);
      const firstPoint = suite.app!.store.metrics.series(run.id, METRIC_KEYS.loss).wallTimes[0];
      const survivor = startWorker(suite.redis.url, 'survivor');
      suite.workers.push(survivor);
      const done = await suite.app!.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'survivor', epochsDone: 4 });
      await workerSays(survivor, `run ${run.id}: training (attempt 2, from the start: the app has recorded no checkpoint of it)`);
      expect(suite.app!.store.metrics.series(run.id, METRIC_KEYS.loss).wallTimes[0]).toBeGreaterThan(firstPoint!);
      expect(runRecord(suite.app!.store, run.id)).toEqual(runRecord(suite.app!.store, straight));
    },
    TIMEOUT,
  );
});

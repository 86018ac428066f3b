// Runs that continue from a checkpoint, with a real redis-server and a real worker process: a fork from an epoch
// placed on workers resumes there from the parent's checkpoint (the app puts it in Redis), to the same numbers as
// the fork trained here; a run trained on workers and then extended continues here, from the checkpoint the app holds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../shared/run-config';
import { tinyConfig } from '../runs/testing/manager-fixtures';
import { runRecord } from '../runs/testing/run-record';
import { openRemoteApp, type RemoteApp, tempFolder } from './testing/remote-fixture';
import { NO_REDIS_REASON, startRedis, startWorker, type TestRedis, type WorkerProcess, workerSays } from './testing/redis-server';

const TIMEOUT = 240_000;
let redis: TestRedis;
let workers: WorkerProcess[] = [];
let app: RemoteApp | undefined;
const temp = tempFolder('nnw-remote-derived-');
const config = (epochs: number) => parseRunConfig(tinyConfig({ epochs, validationSplit: 0.1, keepCheckpoints: 'all' }));

beforeAll(async () => {
  if (!NO_REDIS_REASON) {
    redis = await startRedis();
    app = await openRemoteApp(temp, redis.url);
  }
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  workers = [];
});
afterAll(async () => {
  await app?.close();
  await redis?.stop();
  temp.remove();
});

describe.skipIf(NO_REDIS_REASON !== null)(`runs continuing from a checkpoint (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  it(
    'trains a fork from epoch 2 placed on workers there, from the parent’s checkpoint, as the same fork trains here',
    async () => {
      const parent = app!.manager.startRun(config(4));
      await app!.manager.waitFor(parent.id);
      const here = app!.manager.forkFromEpoch(parent.id, 2, { lr: 0.01 });
      await app!.manager.waitFor(here.id);
      const w = startWorker(redis.url, 'forker');
      workers = [w];
      const there = app!.manager.forkFromEpoch(parent.id, 2, { lr: 0.01 }, 'workers');
      expect(there).toMatchObject({ placement: 'workers', epochsDone: 2 });
      const done = await app!.manager.waitFor(there.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'forker', epochsDone: 4 });
      await workerSays(w, `run ${there.id}: training (attempt 1, from epoch 2)`);
      expect(runRecord(app!.store, there.id)).toEqual(runRecord(app!.store, here.id));
    },
    TIMEOUT,
  );

  it(
    'extends a run trained on workers here, from its last checkpoint, to the run trained straight',
    async () => {
      const straight = app!.manager.startRun(config(4));
      await app!.manager.waitFor(straight.id);
      workers = [startWorker(redis.url, 'first-half')];
      const run = app!.manager.startRun(config(2), { placement: 'workers' });
      expect(await app!.manager.waitFor(run.id)).toMatchObject({ status: 'completed', worker: 'first-half' });
      const queued = app!.manager.extend(run.id, 2);
      expect(queued).toMatchObject({ placement: 'local', epochsDone: 2 });
      const done = await app!.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', epochsDone: 4, placement: 'local' });
      expect(runRecord(app!.store, run.id)).toEqual(runRecord(app!.store, straight.id));
    },
    TIMEOUT,
  );
});

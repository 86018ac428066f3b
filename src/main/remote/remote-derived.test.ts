// Runs that continue from a checkpoint, with a real redis-server and a real worker process: a fork from an epoch
// placed on workers resumes there from the parent's checkpoint (the app puts it in Redis), to the same numbers as
// the fork trained here; a run trained on workers and then extended continues here, from the checkpoint the app holds.
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../shared/run-config';
import { tinyConfig } from '../runs/testing/manager-fixtures';
import { runRecord } from '../runs/testing/run-record';
import { openRemoteApp } from './testing/remote-fixture';
import { NO_REDIS_REASON, startWorker, workerSays } from './testing/redis-server';
import { remoteSuite } from './testing/remote-suite';

const TIMEOUT = 240_000;
const suite = remoteSuite('nnw-remote-derived-', { app: 'per-file' });
const config = (epochs: number) => parseRunConfig(tinyConfig({ epochs, validationSplit: 0.1, keepCheckpoints: 'all' }));

// Both tests build on one app, opened once the file's redis-server is up.
beforeAll(async () => {
  if (!NO_REDIS_REASON) suite.app = await openRemoteApp(suite.temp, suite.redis.url);
});

describe.skipIf(NO_REDIS_REASON !== null)(`runs continuing from a checkpoint (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  it(
    'trains a fork from epoch 2 placed on workers there, from the parent’s checkpoint, as the same fork trains here',
    async () => {
      const parent = suite.app!.manager.startRun(config(4));
      await suite.app!.manager.waitFor(parent.id);
      const here = suite.app!.manager.forkFromEpoch(parent.id, 2, { lr: 0.01 });
      await suite.app!.manager.waitFor(here.id);
      const w = startWorker(suite.redis.url, 'forker');
      suite.workers = [w];
      const there = suite.app!.manager.forkFromEpoch(parent.id, 2, { lr: 0.01 }, 'workers');
      expect(there).toMatchObject({ placement: 'workers', epochsDone: 2 });
      const done = await suite.app!.manager.waitFor(there.id);
      expect(done).toMatchObject({ status: 'completed', worker: 'forker', epochsDone: 4 });
      await workerSays(w, `run ${there.id}: training (attempt 1, from epoch 2)`);
      expect(runRecord(suite.app!.store, there.id)).toEqual(runRecord(suite.app!.store, here.id));
    },
    TIMEOUT,
  );

  it(
    'extends a run trained on workers here, from its last checkpoint, to the run trained straight',
    async () => {
      const straight = suite.app!.manager.startRun(config(4));
      await suite.app!.manager.waitFor(straight.id);
      suite.workers = [startWorker(suite.redis.url, 'first-half')];
      const run = suite.app!.manager.startRun(config(2), { placement: 'workers' });
      expect(await suite.app!.manager.waitFor(run.id)).toMatchObject({ status: 'completed', worker: 'first-half' });
      const queued = suite.app!.manager.extend(run.id, 2);
      expect(queued).toMatchObject({ placement: 'local', epochsDone: 2 });
      const done = await suite.app!.manager.waitFor(run.id);
      expect(done).toMatchObject({ status: 'completed', epochsDone: 4, placement: 'local' });
      expect(runRecord(suite.app!.store, run.id)).toEqual(runRecord(suite.app!.store, straight.id));
    },
    TIMEOUT,
  );
});

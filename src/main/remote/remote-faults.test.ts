// Faults the app meets while recording remote runs, with a real redis-server and real worker processes: an entry
// whose recording throws fails its run only (the feed goes on for the others), and a takeover the app refuses
// stops the worker that asked for it, as a user's cancel does.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { refuseInserts } from '../db/testing/write-fault';
import { tinyConfig, until } from '../runs/testing/manager-fixtures';
import { queueKeys } from './keys';
import { connectRedis } from './redis-connection';
import { openRemoteApp, type RemoteApp, tempFolder } from './testing/remote-fixture';
import { NO_REDIS_REASON, startRedis, startWorker, type TestRedis, type WorkerProcess, workerSays } from './testing/redis-server';

const TIMEOUT = 240_000;
let redis: TestRedis;
let workers: WorkerProcess[] = [];
let app: RemoteApp | undefined;
const temp = tempFolder('nnw-remote-faults-');
const keys = queueKeys();

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

const saidBy = (text: string) => workers.some((w) => w.stderr().includes(text));

describe.skipIf(NO_REDIS_REASON !== null)(`remote faults (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  it(
    'fails only the run whose entry cannot be recorded, stops its worker, skips a malformed entry, and records the others',
    async () => {
      const fresh = tempFolder('nnw-remote-feed-');
      app = await openRemoteApp(fresh, redis.url);
      const grid = app.manager.startGrid({ name: 'one bad entry', base: tinyConfig({ epochs: 3 }), parameters: { seed: { values: [1, 2, 3, 4] } } }, 'workers');
      const faulty = grid.runs[1]!.id;
      // A database fault on one run, as a full disk gives: the worker's `claimed` entry for it cannot be written.
      refuseInserts(fresh.file('workbench.sqlite'), 'remote_attempts', faulty, 'disk I/O error (injected)');
      // And an entry no worker writes, put straight into the app's stream by another client.
      const client = await connectRedis(redis.url, 'stray');
      await client.xadd(keys.events(app.store.remote.instance()), '*', 'run', 'not-a-run', 'kind', 'nonsense', 'body', '{');
      client.disconnect();
      workers = [startWorker(redis.url, 'alpha'), startWorker(redis.url, 'beta')];
      const ended = () => grid.runs.every((r) => ['completed', 'failed'].includes(app!.store.runs.get(r.id)!.status));
      await until(ended, 'every run of the grid to end', 150_000);
      const runs = grid.runs.map((r) => app!.store.runs.get(r.id)!);
      expect(runs.map((r) => r.status)).toEqual(['completed', 'failed', 'completed', 'completed']);
      expect(runs[1]!.error).toMatch(
        new RegExp(
          `^RemoteWorkerError: the app could not record entry [0-9]+-[0-9]+ \\(claimed\\) of run ${faulty} from the workers: disk I/O error \\(injected\\)$`,
        ),
      );
      // Its worker was told to stop, as at a cancel; what it sent after is not recorded (the run failed once).
      await until(() => saidBy(`run ${faulty}: cancelled`), `the worker of run ${faulty} to stop`, 60_000);
      expect(app.store.runs.get(faulty)).toMatchObject({ status: 'failed', error: runs[1]!.error, worker: null, stepsDone: 0 });
      await app.close();
      app = undefined;
      fresh.remove();
    },
    TIMEOUT,
  );

  it(
    'stops the worker whose takeover it refuses (a checkpoint past what the app holds) within moments',
    async () => {
      app = await openRemoteApp(temp, redis.url);
      const run = app.manager.startRun(tinyConfig({ epochs: 300, validationSplit: 0.1 }), { placement: 'workers' });
      const doomed = startWorker(redis.url, 'doomed', [], { NNWB_TEST_HOLD_AT_STEP: '21' });
      workers = [doomed];
      await until(() => app!.store.runs.get(run.id)!.stepsDone === 21 && app!.store.checkpoints.get(run.id, 2) !== undefined, 'step 21 recorded', 120_000);
      doomed.proc.kill('SIGKILL');
      await doomed.exited;
      // The checkpoint in Redis now claims epoch 5 (its bytes still check): the app holds 2.
      const client = await connectRedis(redis.url, 'tamper');
      const key = keys.checkpoint(app.store.remote.instance(), String(run.id));
      const meta = JSON.parse((await client.hget(key, 'meta'))!) as { epochsDone: number; step: number };
      expect(meta.epochsDone).toBe(2);
      await client.hset(key, 'meta', JSON.stringify({ ...meta, epochsDone: 5, step: meta.step + 27 }));
      client.disconnect();
      const taker = startWorker(redis.url, 'taker');
      workers.push(taker);
      const failed = await app.manager.waitFor(run.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toContain('the worker resumed from the checkpoint after epoch 5, but this app holds only 2 epochs of the run');
      await workerSays(taker, `run ${run.id}: training (attempt 2, from epoch 5)`);
      // It stops at the cancel flag (polled every 200 ms) instead of training its 300 epochs.
      await workerSays(taker, `run ${run.id}: cancelled`, 30_000);
      expect(taker.stderr()).not.toContain(`run ${run.id}: done`);
    },
    TIMEOUT,
  );
});

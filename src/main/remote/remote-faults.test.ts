// Faults the app meets while recording remote runs, with a real redis-server and real worker processes: an entry
// whose recording throws fails its run only (the feed goes on for the others), and a takeover the app refuses
// stops the worker that asked for it, as a user's cancel does.
import { describe, expect, it } from 'vitest';
import { refuseInserts } from '../db/testing/write-fault';
import { tinyConfig, until } from '../runs/testing/manager-fixtures';
import { queueKeys } from './keys';
import { connectRedis } from './redis-connection';
import { openRemoteApp, tempFolder } from './testing/remote-fixture';
import { NO_REDIS_REASON, startWorker, workerSays } from './testing/redis-server';
import { remoteSuite } from './testing/remote-suite';

const TIMEOUT = 240_000;
const suite = remoteSuite('nnw-remote-faults-', { app: 'per-test' });
const keys = queueKeys();

const saidBy = (text: string) => suite.workers.some((w) => w.stderr().includes(text));

describe.skipIf(NO_REDIS_REASON !== null)(`remote faults (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  it(
    'fails only the run whose entry cannot be recorded, stops its worker, skips a malformed entry, and records the others',
    async () => {
      const fresh = tempFolder('nnw-remote-feed-');
      suite.app = await openRemoteApp(fresh, suite.redis.url);
      const grid = suite.app.manager.startGrid(
        { name: 'one bad entry', base: tinyConfig({ epochs: 3 }), parameters: { seed: { values: [1, 2, 3, 4] } } },
        'workers',
      );
      const faulty = grid.runs[1]!.id;
      // A database fault on one run, as a full disk gives: the worker's `claimed` entry for it cannot be written.
      refuseInserts(fresh.file('workbench.sqlite'), 'remote_attempts', faulty, 'disk I/O error (injected)');
      // And an entry no worker writes, put straight into the app's stream by another client.
      const client = await connectRedis(suite.redis.url, 'stray');
      await client.xadd(keys.events(suite.app.store.remote.instance()), '*', 'run', 'not-a-run', 'kind', 'nonsense', 'body', '{');
      client.disconnect();
      suite.workers = [startWorker(suite.redis.url, 'alpha'), startWorker(suite.redis.url, 'beta')];
      const ended = () => grid.runs.every((r) => ['completed', 'failed'].includes(suite.app!.store.runs.get(r.id)!.status));
      await until(ended, 'every run of the grid to end', 150_000);
      const runs = grid.runs.map((r) => suite.app!.store.runs.get(r.id)!);
      expect(runs.map((r) => r.status)).toEqual(['completed', 'failed', 'completed', 'completed']);
      expect(runs[1]!.error).toMatch(
        new RegExp(
          `^RemoteWorkerError: the app could not record entry [0-9]+-[0-9]+ \\(claimed\\) of run ${faulty} from the workers: disk I/O error \\(injected\\)$`,
        ),
      );
      // Its worker was told to stop, as at a cancel; what it sent after is not recorded (the run failed once).
      await until(() => saidBy(`run ${faulty}: cancelled`), `the worker of run ${faulty} to stop`, 60_000);
      expect(suite.app.store.runs.get(faulty)).toMatchObject({ status: 'failed', error: runs[1]!.error, worker: null, stepsDone: 0 });
      await suite.app.close();
      suite.app = undefined;
      fresh.remove();
    },
    TIMEOUT,
  );

  it(
    'stops the worker whose takeover it refuses (a checkpoint past what the app holds) within moments',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      const run = suite.app.manager.startRun(tinyConfig({ epochs: 300, validationSplit: 0.1 }), { placement: 'workers' });
      const doomed = startWorker(suite.redis.url, 'doomed', [], { NNWB_TEST_HOLD_AT_STEP: '21' });
      suite.workers = [doomed];
      await until(
        () => suite.app!.store.runs.get(run.id)!.stepsDone === 21 && suite.app!.store.checkpoints.get(run.id, 2) !== undefined,
        'step 21 recorded',
        120_000,
      );
      doomed.proc.kill('SIGKILL');
      await doomed.exited;
      // The checkpoint in Redis now claims epoch 5 (its bytes still check): the app holds 2.
      const client = await connectRedis(suite.redis.url, 'tamper');
      const key = keys.checkpoint(suite.app.store.remote.instance(), String(run.id));
      const meta = JSON.parse((await client.hget(key, 'meta'))!) as { epochsDone: number; step: number };
      expect(meta.epochsDone).toBe(2);
      await client.hset(key, 'meta', JSON.stringify({ ...meta, epochsDone: 5, step: meta.step + 27 }));
      client.disconnect();
      const taker = startWorker(suite.redis.url, 'taker');
      suite.workers.push(taker);
      const failed = await suite.app.manager.waitFor(run.id);
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

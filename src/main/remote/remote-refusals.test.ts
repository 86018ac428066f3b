// What remote workers refuse and how a remote run is stopped, with a real redis-server and worker processes:
// a wrong password, a config that fails the schema on the worker, a dataset whose hash differs, and cancel.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { TINY, tinyConfig, until } from '../runs/testing/manager-fixtures';
import { jobIdOf } from './keys';
import { redisOptions } from './redis-connection';
import { openRemoteApp } from './testing/remote-fixture';
import { NO_REDIS_REASON, startWorker, TEST_PASSWORD, workerSays } from './testing/redis-server';
import { remoteSuite } from './testing/remote-suite';

const TIMEOUT = 180_000;
const suite = remoteSuite('nnw-remote-refusals-', { app: 'per-test' });

describe.skipIf(NO_REDIS_REASON !== null)(`remote refusals and cancel (skipped: ${NO_REDIS_REASON ?? 'redis-server present'})`, () => {
  it(
    'refuses a worker with a wrong password in one line, never printing the password',
    async () => {
      const wrong = suite.redis.url.replace(TEST_PASSWORD, 'not-the-password');
      const w = startWorker(wrong, 'intruder');
      suite.workers = [w];
      expect(await w.exited).toBe(1);
      expect(w.stderr()).toContain(`Redis at redis://nnwb:***@127.0.0.1:${suite.redis.port} refused the login: wrong user name or password`);
      expect(w.stderr()).not.toContain('not-the-password');
    },
    TIMEOUT,
  );

  it(
    'fails a run whose config the worker refuses by the schema, naming the field, without retrying it',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      const run = suite.app.manager.startRun(tinyConfig(), { placement: 'workers' });
      // The queue is not the app's alone: a job altered in Redis is checked again where it runs.
      const queue = new Queue('nnwb-runs', { connection: redisOptions(suite.redis.url) });
      const id = jobIdOf(suite.app.store.remote.instance(), run.id);
      let job = await queue.getJob(id);
      for (let i = 0; !job && i < 200; i++) job = await new Promise((r) => setTimeout(r, 50)).then(() => queue.getJob(id));
      await job!.updateData({ ...job!.data, config: { ...job!.data.config, lr: -1 } });
      suite.workers = [startWorker(suite.redis.url, 'strict')];
      const done = await suite.app.manager.waitFor(run.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/worker strict refused job .*: job\.config\.lr: /);
      // Refused once and failed for good (an UnrecoverableError), not handed to another worker.
      for (let i = 0; (await (await queue.getJob(id))!.getState()) !== 'failed' && i < 200; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await (await queue.getJob(id))!.getState()).toBe('failed');
      expect((await queue.getJob(id))!.attemptsStarted).toBe(1);
      await queue.close();
    },
    TIMEOUT,
  );

  it(
    'refuses a dataset whose copy on the worker has another hash, naming the dataset and both hashes',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      // The app's "digits" folder is the fixture; the worker's (its --data-dir) has train and test swapped.
      const ours = path.join(suite.temp.dir, 'digits');
      const theirs = path.join(suite.temp.dir, 'worker-data', 'digits');
      mkdirSync(ours, { recursive: true });
      mkdirSync(theirs, { recursive: true });
      for (const f of readdirSync(TINY).filter((f) => f.endsWith('.gz'))) {
        copyFileSync(path.join(TINY, f), path.join(ours, f));
        copyFileSync(path.join(TINY, f.startsWith('train') ? f.replace('train', 't10k') : f.replace('t10k', 'train')), path.join(theirs, f));
      }
      const run = suite.app.manager.startRun(tinyConfig({ dataset: { name: 'folder', path: 'digits' } }), { placement: 'workers' });
      suite.workers = [startWorker(suite.redis.url, 'elsewhere', ['--data-dir', path.join(suite.temp.dir, 'worker-data')])];
      const done = await suite.app.manager.waitFor(run.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(
        /worker elsewhere has no copy of dataset folder digits with sha256 [0-9a-f]{64}: its copy at .*digits has sha256 [0-9a-f]{64}/,
      );
    },
    TIMEOUT,
  );

  it(
    'cancels a remote run within moments, keeping its metrics and weights so far',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      suite.workers = [startWorker(suite.redis.url, 'busy')];
      const run = suite.app.manager.startRun(tinyConfig({ limitTrain: 1000, epochs: 200 }), { placement: 'workers' });
      await until(() => suite.app!.store.runs.get(run.id)!.stepsDone > 20, 'the run to train', 120_000);
      const stopped = await suite.app.manager.cancel(run.id);
      expect(stopped).toMatchObject({ status: 'cancelled', stopReason: 'cancelled', worker: 'busy' });
      expect(stopped.stepsDone).toBeLessThan(200 * 32);
      expect(suite.app.store.artifacts.weights(run.id)!.data.byteLength).toBeGreaterThan(0);
      await workerSays(suite.workers[0]!, `run ${run.id}: cancelled`);
    },
    TIMEOUT,
  );

  it(
    'cancels a run still waiting for a worker: it never starts',
    async () => {
      suite.app = await openRemoteApp(suite.temp, suite.redis.url);
      const run = suite.app.manager.startRun(tinyConfig(), { placement: 'workers' });
      await new Promise((r) => setTimeout(r, 500));
      const stopped = await suite.app.manager.cancel(run.id);
      expect(stopped).toMatchObject({ status: 'cancelled', worker: null, stepsDone: 0 });
    },
    TIMEOUT,
  );
});

// The lifecycle every real-Redis test file shares: one redis-server for the file (unless it cannot run here), a temp
// folder, the worker processes a test starts (stopped after each test) and the app it opens (closed after each test,
// or once at the end when the file's tests build on one app).
import { afterAll, afterEach, beforeAll } from 'vitest';
import { tempFolder, type TempFolder } from '../../db/testing/fixtures';
import type { RemoteApp } from './remote-fixture';
import { NO_REDIS_REASON, startRedis, type TestRedis, type WorkerProcess } from './redis-server';

export interface RemoteSuite<R> {
  /** The file's redis-server; throws when it was not started (the tests skip then). */
  readonly redis: R;
  /** What the current test started; each is stopped after it. */
  workers: WorkerProcess[];
  /** The app a test opened, closed after it ('per-test') or after the file's last test ('per-file'). */
  app: RemoteApp | undefined;
  readonly temp: TempFolder;
}

export interface RedisSuiteOptions<R> {
  readonly app: 'per-test' | 'per-file';
  readonly start: () => Promise<R>;
  /** Why this server cannot run here (nothing is started), or null. */
  readonly skipReason: string | null;
}

/** Registers the hooks for a file whose tests use a Redis server `start` gives, in a temp folder named from `prefix`. */
export function redisSuite<R extends { stop(): Promise<void> }>(prefix: string, options: RedisSuiteOptions<R>): RemoteSuite<R> {
  let redis: R | undefined;
  const suite: RemoteSuite<R> = {
    get redis(): R {
      if (!redis) throw new Error(`no redis-server for this file: ${options.skipReason ?? 'not started yet'}`);
      return redis;
    },
    workers: [],
    app: undefined,
    temp: tempFolder(prefix),
  };
  const closeApp = async () => {
    await suite.app?.close();
    suite.app = undefined;
  };

  beforeAll(async () => {
    if (!options.skipReason) redis = await options.start();
  });
  afterEach(async () => {
    if (options.app === 'per-test') await closeApp();
    await Promise.all(suite.workers.map((w) => w.stop()));
    suite.workers = [];
  });
  afterAll(async () => {
    await closeApp();
    await redis?.stop();
    suite.temp.remove();
  });
  return suite;
}

/** `redisSuite` with the plain redis:// server of `startRedis`. */
export function remoteSuite(prefix: string, options: { readonly app: 'per-test' | 'per-file' }): RemoteSuite<TestRedis> {
  return redisSuite(prefix, { app: options.app, start: startRedis, skipReason: NO_REDIS_REASON });
}

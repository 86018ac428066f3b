// A remote training worker: a BullMQ worker on the app's run queue whose processor trains each job in a local
// training process (see run-job.ts). Stalled jobs (a worker killed mid-run) go back to the queue for another.
import path from 'node:path';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DatasetDirs } from '../datasets/locate';
import { connectRedis, redactRedisUrl, redisOptions } from '../remote/redis-connection';
import { queueKeys } from '../remote/keys';
import { createForkHost, sourceWorkerEntry } from '../runs/fork-host';
import { runRemoteJob } from './run-job';
import type { WorkerOptions } from './worker-options';

export interface RunningWorker {
  readonly name: string;
  /** Stops taking jobs, waits for the runs in hand to end, and disconnects. */
  close(): Promise<void>;
}

export async function startRemoteWorker(options: WorkerOptions, log: (line: string) => void): Promise<RunningWorker> {
  const keys = queueKeys(options.queue);
  // Checks the URL's login now: a wrong password is one clear line, not endless reconnects.
  const redis: Redis = await connectRedis(options.redisUrl, `nnwb-worker:${options.name}`);
  const datasetDirs: DatasetDirs = options.dataDir ? { folderBase: path.resolve(options.dataDir) } : {};
  const ctx = {
    redis,
    keys,
    worker: options.name,
    host: createForkHost(),
    entry: sourceWorkerEntry(),
    datasetDirs,
    kernels: options.kernels,
    threads: options.threads,
    cancelPollMs: 200,
    cancelGraceMs: 5000,
    log,
  };
  const worker = new Worker(keys.queue, (job) => runRemoteJob(job, ctx), {
    connection: redisOptions(options.redisUrl),
    concurrency: options.concurrency,
    name: options.name,
    lockDuration: options.lockMs,
    // Checked as often as a lock lasts: a killed worker's run is taken over within about two lock durations.
    stalledInterval: options.lockMs,
    maxStalledCount: 2,
  });
  worker.on('error', (err) => log(`redis: ${err.message}`));
  worker.on('failed', (job, err) => log(`job ${job?.id ?? '?'} failed: ${err.message}`));
  await worker.waitUntilReady();
  log(`worker ${options.name} takes runs from ${redactRedisUrl(options.redisUrl)} queue ${keys.queue} (concurrency ${options.concurrency})`);
  return {
    name: options.name,
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}

// One run put on the workers' queue as a BullMQ job: its stored config (never code), the dataset's hash the
// worker must match, and the retry policy. Once per run: the job id is the run's.
import type { Queue } from 'bullmq';
import type { RemoteJobInput } from '../../shared/remote-protocol';
import type { Run } from '../db';
import { datasetIdentity } from '../datasets/hash';
import type { DatasetDirs } from '../datasets/locate';
import { jobIdOf } from './keys';

export interface JobSettings {
  readonly datasetDirs?: DatasetDirs;
  readonly inspectEvery?: number;
  readonly progressIntervalMs?: number;
  /** Tries of a job that fails on a worker (a dataset it lacks) before the run fails (default 3). */
  readonly attempts?: number;
}

export async function queueRunJob(queue: Queue, instance: string, run: Run, settings: JobSettings): Promise<void> {
  const jobId = jobIdOf(instance, run.id);
  if (await queue.getJob(jobId)) return;
  const { hash } = await datasetIdentity(run.config.dataset, settings.datasetDirs ?? {});
  // The config as stored: a relative dataset folder is read from the worker's own --data-dir.
  const data: RemoteJobInput = {
    instance,
    runId: String(run.id),
    config: run.config,
    datasetHash: hash,
    inspectEvery: settings.inspectEvery,
    progressIntervalMs: settings.progressIntervalMs,
  };
  await queue.add('train', data, {
    jobId,
    attempts: settings.attempts ?? 3,
    backoff: { type: 'fixed', delay: 1000 },
    // Kept a while so that re-adding a finished run's job stays a no-op; the results live in SQLite.
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

// Whether a remote run's job has ended without the run ending: a job failed (a dataset no worker holds), finished
// without a report, or gone from the queue while the run trains. The app then fails the run with this reason.
import type { Queue } from 'bullmq';
import type { RunStatus } from '../db';

/** Why the run's job can no longer end it, or null while it may. */
export async function lostJobReason(queue: Queue, jobId: string, status: RunStatus | undefined): Promise<string | null> {
  const job = await queue.getJob(jobId);
  const state = job ? await job.getState() : 'unknown';
  if (state === 'failed') return job?.failedReason ?? 'the job failed';
  if (state === 'completed') return 'the worker ended the job without a report';
  // A queued run's job may not be added yet.
  return state === 'unknown' && status === 'running' ? 'the job is gone from the queue' : null;
}

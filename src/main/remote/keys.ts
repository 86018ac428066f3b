// The names in Redis that the app and the workers agree on. One queue name per app data folder: two apps on one
// Redis give different names (--queue), or their run ids would meet.
export const DEFAULT_QUEUE = 'nnwb-runs';

export interface QueueKeys {
  /** The BullMQ queue of run jobs. */
  readonly queue: string;
  /** The stream workers append an app's run events to, read (and trimmed) only by that app. */
  events(instance: string): string;
  /** Set by the app to cancel a run wherever it trains. */
  cancel(instance: string, runId: string): string;
  /** The last checkpoint the app recorded for a run (a hash: `meta`, `data`), for a worker that takes it over. */
  checkpoint(instance: string, runId: string): string;
}

export function queueKeys(queue = DEFAULT_QUEUE): QueueKeys {
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(queue)) throw new RangeError(`queue name must be 1–60 letters, digits, _ or -, got "${queue}"`);
  return {
    queue,
    events: (instance) => `nnwb:${queue}:events:${instance}`,
    cancel: (instance, runId) => `nnwb:${queue}:cancel:${instance}:${runId}`,
    checkpoint: (instance, runId) => `nnwb:${queue}:checkpoint:${instance}:${runId}`,
  };
}

/** The BullMQ job id of a run of one app's database: one job per run, so adding it twice is a no-op. */
export const jobIdOf = (instance: string, runId: number | string) => `${instance}-run-${runId}`;

/** The app instance and run a job id names (null for a job id that is not ours). */
export function parseJobId(jobId: string | undefined): { instance: string; runId: string } | null {
  const m = /^([0-9a-f]{16})-run-([1-9][0-9]{0,15})$/.exec(jobId ?? '');
  return m ? { instance: m[1]!, runId: m[2]! } : null;
}

/** How long a cancel request is kept for a worker to see (a run still waiting when it is cancelled never starts). */
export const CANCEL_TTL_SECONDS = 7 * 24 * 3600;

// The names in Redis that the app and the workers agree on. One queue name per app data folder: two apps on one
// Redis give different names (--queue), or their run ids would meet.
export const DEFAULT_QUEUE = 'nnwb-runs';

export interface QueueKeys {
  /** The BullMQ queue of run jobs. */
  readonly queue: string;
  /** The stream every worker appends run events to, read (and trimmed) only by the app. */
  readonly events: string;
  /** Set by the app to cancel a run wherever it trains. */
  cancel(runId: string): string;
}

export function queueKeys(queue = DEFAULT_QUEUE): QueueKeys {
  if (!/^[A-Za-z0-9_-]{1,60}$/.test(queue)) throw new RangeError(`queue name must be 1–60 letters, digits, _ or -, got "${queue}"`);
  return {
    queue,
    events: `nnwb:${queue}:events`,
    cancel: (runId) => `nnwb:${queue}:cancel:${runId}`,
  };
}

/** The BullMQ job id of a run: one job per run, so adding it twice is a no-op. */
export const jobIdOf = (runId: number | string) => `run-${runId}`;

/** How long a cancel request is kept for a worker to see (a run still waiting when it is cancelled never starts). */
export const CANCEL_TTL_SECONDS = 7 * 24 * 3600;

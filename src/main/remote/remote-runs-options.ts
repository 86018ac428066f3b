// What RemoteRuns is given: where Redis is and how jobs are queued (options), and how it tells the run manager (hooks).
import type { Run } from '../db';
import type { JobSettings } from './queue-run-job';

export interface RemoteRunsOptions extends JobSettings {
  readonly url: string;
  readonly queue?: string;
  /** How often jobs that ended without a report are looked for (default 2000 ms). */
  readonly reconcileMs?: number;
  readonly log?: (line: string) => void;
}

export interface RemoteHooks {
  /** A run row changed (see RunManager's announce). */
  readonly announce: (run: Run, statusChanged: boolean) => void;
  /** The run has ended (recorded terminal): it is no longer this object's. */
  readonly ended: (runId: number) => void;
}

// What a run manager is configured with, and what a new run may carry besides its config.
import type { KernelPreference } from '../../shared/worker-protocol';
import type { RunPlacement } from '../db';
import type { RemoteRuns } from '../remote/remote-runs';
import type { RunEvents } from './run-events';

export interface RunManagerOptions {
  /** Runs training at once (default: the number of cores). */
  readonly concurrency?: number;
  readonly kernels?: KernelPreference;
  /**
   * Threads per run, each training on a share of every batch (default 1). More pays off only for a run
   * that has the machine to itself (one run at a time, nothing else busy): otherwise the threads fight for cores.
   */
  readonly threadsPerRun?: number;
  /** The training process entry (default: src/main/worker/entry.ts, run through tsx). */
  readonly workerEntry?: string;
  /** The folder whose `workbench.lock` `start()` takes (default: the database's folder; null: no lock). */
  readonly dataDir?: string | null;
  /** How long a cancelled run may take to stop before its process is killed (default 5000 ms). */
  readonly cancelGraceMs?: number;
  /** Passed to each training process (see the `start` message). */
  readonly inspectEvery?: number;
  readonly progressIntervalMs?: number;
  readonly events?: RunEvents;
  /** The Redis queue for runs placed on workers (none: such runs cannot start). Owned by the manager from here on. */
  readonly remote?: RemoteRuns;
}

export interface RunSeed {
  readonly name?: string;
  readonly tags?: readonly string[];
  readonly notes?: string;
  /** A local process (default) or a remote worker. */
  readonly placement?: RunPlacement;
}

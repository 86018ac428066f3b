// What happens when a remote run is taken over by another worker (its first worker was killed or cut off):
// for now the new attempt trains from the start and replaces everything the earlier one recorded.
import type { Store } from '../db';

/**
 * SEAM for exact resume: once runs keep epoch checkpoints (the resume work, RunManager.resume), a retried job
 * should start from the last checkpoint and keep the epochs recorded up to it, deleting only the points after
 * it. Until then the run restarts, so its history is replaced whole and it ends recorded once.
 */
export function replaceAttempt(store: Store, runId: number): void {
  store.remote.clearRecorded(runId);
}

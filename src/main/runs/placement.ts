// Where new runs train: marks them for the remote workers' queue, refusing when this workbench has none.
import type { Run, RunPlacement, Store } from '../db';
import type { RemoteRuns } from '../remote/remote-runs';

/** The workers' queue. @throws naming `what` when this workbench was started without one. */
export function requireQueue(remote: RemoteRuns | undefined, what: string): RemoteRuns {
  if (!remote) throw new Error(`${what}: this workbench has no Redis queue for workers (start it with --redis redis://…)`);
  return remote;
}

/** Stores `placement` on runs just created (before they are queued). @throws when they go to workers without a queue. */
export function placeRuns(store: Store, remote: RemoteRuns | undefined, runs: readonly Run[], placement: RunPlacement): void {
  if (placement === 'local') return;
  requireQueue(remote, 'runs cannot go to workers');
  store.transaction(() => runs.forEach((r) => store.remote.setPlacement(r.id, placement)));
}

// What happens when a worker takes a remote run (again, after its first worker was killed or cut off): the new
// attempt continues from the checkpoint it names, so the run keeps the epochs recorded up to it and loses only
// what came after; an attempt without one starts over and replaces everything the earlier one recorded.
import type { RemoteCheckpoint } from '../../shared/remote-protocol';
import type { CheckpointRow, Store } from '../db';
import { cutBack } from '../runs/resume-runs';

export interface Takeover {
  /** The checkpoint the attempt continues from (undefined: it starts over), or why the app refuses it. */
  readonly outcome: { readonly resumedFrom: CheckpointRow | undefined } | { readonly refused: string };
  /** Checkpoint files of the epochs cut: the caller deletes them once the transaction has committed. */
  readonly staleFiles: string[];
}

/**
 * Inside the caller's transaction: cuts the run's history back to `from` (to nothing when null). Refused when the
 * app no longer holds the epochs up to `from` (an earlier takeover cut them while this worker read the checkpoint).
 */
export function replaceAttempt(store: Store, runId: number, from: RemoteCheckpoint | null): Takeover {
  const staleFiles = cutBack(store, runId, from).map((c) => c.file);
  if (from === null) return { outcome: { resumedFrom: undefined }, staleFiles };
  const run = store.runs.get(runId)!;
  if (run.epochsDone !== from.epochsDone) {
    const refused = `the worker resumed from the checkpoint after epoch ${from.epochsDone}, but this app holds only ${run.epochsDone} epochs of the run; resume the run to continue it`;
    return { outcome: { refused }, staleFiles };
  }
  const row = store.checkpoints.get(runId, from.epochsDone);
  // Training is deterministic, so the same epoch's checkpoint from another attempt is the same; the recorder needs
  // only its step and clock when the app's own row was not kept (only the last and the best are).
  return { outcome: { resumedFrom: row ?? { runId, ...from, file: '', createdAt: Date.now() } }, staleFiles };
}

// Records a training process's end-of-epoch checkpoint: the file first (atomically), then its row; then the
// retention rule — only the last and the best stay, unless the run keeps them all (`keepCheckpoints: "all"`).
import type { WorkerMessageOf } from '../../shared/worker-protocol';
import type { CheckpointRow, Run, Store } from '../db';
import { checkpointFile, removeCheckpointFiles, sha256, writeCheckpointFile } from './checkpoint-files';

export function recordCheckpoint(store: Store, dataDir: string, run: Run, msg: WorkerMessageOf<'checkpoint'>): void {
  const file = checkpointFile(run.id, msg.epochsDone);
  writeCheckpointFile(dataDir, file, msg.data);
  const { epochsDone, step, score, elapsedSeconds } = msg;
  const row = { runId: run.id, epochsDone, step, score, elapsedSeconds, file, bytes: msg.data.length, sha256: sha256(msg.data), createdAt: Date.now() };
  const stale = store.transaction(() => {
    store.checkpoints.put(row);
    const old = run.config.keepCheckpoints === 'all' ? [] : staleCheckpoints(store.checkpoints.list(run.id));
    for (const c of old) store.checkpoints.remove(run.id, c.epochsDone);
    return old;
  });
  // After the commit: a crash in between leaves a file without a row, never a row without its file.
  removeCheckpointFiles(
    dataDir,
    stale.map((c) => c.file),
  );
}

/** The lowest score (the earliest of ties); NaN and missing scores are never best unless nothing else is. */
export function bestCheckpoint(rows: readonly CheckpointRow[]): CheckpointRow | undefined {
  let best: CheckpointRow | undefined;
  for (const r of rows) {
    if (r.score === null || !Number.isFinite(r.score)) continue;
    if (!best || r.score < best.score!) best = r;
  }
  return best ?? rows[0];
}

/** Every checkpoint but the last and the best. */
export function staleCheckpoints(rows: readonly CheckpointRow[]): CheckpointRow[] {
  const last = rows.at(-1);
  const best = bestCheckpoint(rows);
  return rows.filter((r) => r !== last && r !== best);
}

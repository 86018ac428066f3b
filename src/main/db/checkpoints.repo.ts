// The rows of a run's end-of-epoch checkpoints: which epochs have one, where its file is, and how to check it.
import { rethrowMissingRun } from './errors';
import type { Db } from './open-database';

export interface CheckpointRow {
  readonly runId: number;
  /** 1-based: the checkpoint after the first epoch has 1. */
  readonly epochsDone: number;
  readonly step: number;
  /** The loss early stopping watches at that epoch (validation, else test); null when not finite. */
  readonly score: number | null;
  readonly elapsedSeconds: number;
  /** Relative to the data folder. */
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly createdAt: number;
}

const COLUMNS = `run_id AS runId, epochs_done AS epochsDone, step, score, elapsed_seconds AS elapsedSeconds, file, bytes, sha256, created_at AS createdAt`;

export class CheckpointsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      put: db.prepare(`INSERT OR REPLACE INTO checkpoints (run_id, epochs_done, step, score, elapsed_seconds, file, bytes, sha256, created_at)
                       VALUES (@runId, @epochsDone, @step, @score, @elapsedSeconds, @file, @bytes, @sha256, @createdAt)`),
      list: db.prepare(`SELECT ${COLUMNS} FROM checkpoints WHERE run_id = ? ORDER BY epochs_done`),
      get: db.prepare(`SELECT ${COLUMNS} FROM checkpoints WHERE run_id = ? AND epochs_done = ?`),
      remove: db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND epochs_done = ?'),
      after: db.prepare(`SELECT ${COLUMNS} FROM checkpoints WHERE run_id = ? AND epochs_done > ? ORDER BY epochs_done`),
    };
  }

  put(row: CheckpointRow): void {
    try {
      this.s.put.run({ ...row, score: Number.isFinite(row.score) ? row.score : null });
    } catch (err) {
      rethrowMissingRun(err, row.runId);
    }
  }

  /** Oldest first. */
  list(runId: number): CheckpointRow[] {
    return this.s.list.all(runId) as CheckpointRow[];
  }

  get(runId: number, epochsDone: number): CheckpointRow | undefined {
    return this.s.get.get(runId, epochsDone) as CheckpointRow | undefined;
  }

  latest(runId: number): CheckpointRow | undefined {
    return this.list(runId).at(-1);
  }

  /** The checkpoints after `epochsDone` epochs (their files are the caller's to delete). */
  after(runId: number, epochsDone: number): CheckpointRow[] {
    return this.s.after.all(runId, epochsDone) as CheckpointRow[];
  }

  remove(runId: number, epochsDone: number): void {
    this.s.remove.run(runId, epochsDone);
  }
}

// Schema 6: end-of-epoch checkpoints (the files live in the data folder; their rows say which epochs exist and
// how to check them), a run's resume count, and the run lifecycle's way back: a stopped or finished run may be
// queued again (resume, extend). Only the trigger changes; the status list stays as 0003 made it.
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE checkpoints (
  run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epochs_done     INTEGER NOT NULL CHECK (epochs_done >= 1),
  step            INTEGER NOT NULL CHECK (step >= 0),
  score           REAL,
  elapsed_seconds REAL    NOT NULL,
  file            TEXT    NOT NULL,
  bytes           INTEGER NOT NULL CHECK (bytes >= 0),
  sha256          TEXT    NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (run_id, epochs_done)
) STRICT;

ALTER TABLE runs ADD COLUMN resume_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN resumed_at INTEGER;
-- A fork from an epoch: the parent's epoch it continued from (1-based); null for every other run.
ALTER TABLE runs ADD COLUMN fork_epoch INTEGER;

DROP TRIGGER runs_status_transition;
CREATE TRIGGER runs_status_transition BEFORE UPDATE OF status ON runs
WHEN NEW.status <> OLD.status AND NOT (
     (OLD.status = 'queued' AND NEW.status IN ('running', 'cancelled'))
  OR (OLD.status = 'running' AND NEW.status IN ('completed', 'diverged', 'failed', 'cancelled', 'interrupted'))
  -- 0006: resume (interrupted, failed, cancelled) and extend (completed) queue the same run again.
  OR (OLD.status IN ('interrupted', 'failed', 'cancelled', 'completed') AND NEW.status = 'queued'))
BEGIN
  SELECT RAISE(ABORT, 'illegal run status transition');
END;
`;

export const m0006Checkpoints: Migration = {
  version: 6,
  name: '0006-checkpoints',
  up(db) {
    db.exec(SQL);
  },
};

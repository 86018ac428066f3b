// Schema 3: `diverged` is a run status of its own (it was `failed` with stop_reason 'diverged'), so a run that
// blew up shows as such in every list and filter, and a failure means a crash again.
import type { Migration } from './migration';

// SQLite cannot change a CHECK constraint in place: the table is rebuilt (its documented 12-step recipe;
// foreign keys are off during migrations) and its indexes, trigger and AUTOINCREMENT counter carried over.
const SQL = /* sql */ `
CREATE TABLE runs_new (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  experiment_id       INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  parent_run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  name                TEXT    NOT NULL,
  status              TEXT    NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'running', 'completed', 'diverged', 'failed', 'cancelled', 'interrupted')),
  config              TEXT    NOT NULL CHECK (json_valid(config)),
  seed                INTEGER NOT NULL,
  dataset             TEXT    NOT NULL,
  dataset_hash        TEXT,
  engine_version      TEXT,
  kernels             TEXT,
  created_at          INTEGER NOT NULL,
  started_at          INTEGER,
  finished_at         INTEGER,
  error               TEXT,
  notes               TEXT    NOT NULL DEFAULT '',
  epochs_done         INTEGER NOT NULL DEFAULT 0,
  steps_done          INTEGER NOT NULL DEFAULT 0,
  train_loss          REAL,
  train_accuracy      REAL,
  validation_loss     REAL,
  validation_accuracy REAL,
  test_loss           REAL,
  test_accuracy       REAL,
  best_test_accuracy  REAL,
  best_epoch          INTEGER,
  parameter_count     INTEGER CHECK (parameter_count IS NULL OR parameter_count >= 0),
  steps_total         INTEGER CHECK (steps_total IS NULL OR steps_total >= 0),
  stop_reason         TEXT
                      CHECK (stop_reason IS NULL OR stop_reason IN ('completed', 'early_stopping', 'cancelled', 'diverged'))
) STRICT;

INSERT INTO runs_new (id, experiment_id, parent_run_id, name, status, config, seed, dataset, dataset_hash, engine_version,
    kernels, created_at, started_at, finished_at, error, notes, epochs_done, steps_done, train_loss, train_accuracy,
    validation_loss, validation_accuracy, test_loss, test_accuracy, best_test_accuracy, best_epoch, parameter_count,
    steps_total, stop_reason)
  SELECT id, experiment_id, parent_run_id, name,
    CASE WHEN status = 'failed' AND stop_reason = 'diverged' THEN 'diverged' ELSE status END,
    config, seed, dataset, dataset_hash, engine_version, kernels, created_at, started_at, finished_at, error, notes,
    epochs_done, steps_done, train_loss, train_accuracy, validation_loss, validation_accuracy, test_loss, test_accuracy,
    best_test_accuracy, best_epoch, parameter_count, steps_total, stop_reason
  FROM runs;

-- Ids of deleted runs stay retired.
UPDATE sqlite_sequence SET seq = (SELECT seq FROM sqlite_sequence WHERE name = 'runs') WHERE name = 'runs_new';

DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;

CREATE INDEX runs_by_experiment ON runs (experiment_id);
CREATE INDEX runs_by_parent ON runs (parent_run_id);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_created ON runs (created_at);

CREATE TRIGGER runs_status_transition BEFORE UPDATE OF status ON runs
WHEN NEW.status <> OLD.status AND NOT (
     (OLD.status = 'queued' AND NEW.status IN ('running', 'cancelled'))
  OR (OLD.status = 'running' AND NEW.status IN ('completed', 'diverged', 'failed', 'cancelled', 'interrupted')))
BEGIN
  SELECT RAISE(ABORT, 'illegal run status transition');
END;
`;

export const m0003DivergedStatus: Migration = {
  version: 3,
  name: '0003-diverged-status',
  up(db) {
    db.exec(SQL);
  },
};

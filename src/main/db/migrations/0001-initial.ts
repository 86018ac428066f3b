// Schema 1: experiments, runs and their tags, MLflow-shaped metrics, and the per-epoch artifacts of a run.
import type { Migration } from './migration';

// Conventions: times are INTEGER milliseconds since the Unix epoch; JSON lives in TEXT checked by json_valid;
// epochs are 0-based as the engine counts them. STRICT tables make SQLite refuse a value of the wrong type.
// Small rows keyed by their natural key are WITHOUT ROWID (one B-tree, stored in key order); tables of
// large blobs keep their rowid, as SQLite advises.
const SQL = /* sql */ `
CREATE TABLE experiments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT    NOT NULL CHECK (kind IN ('run', 'grid')),
  name       TEXT    NOT NULL,
  spec       TEXT    CHECK (spec IS NULL OR json_valid(spec)),
  created_at INTEGER NOT NULL,
  notes      TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE runs (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  experiment_id       INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  parent_run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  name                TEXT    NOT NULL,
  status              TEXT    NOT NULL DEFAULT 'queued'
                      CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted')),
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
  best_epoch          INTEGER
) STRICT;
CREATE INDEX runs_by_experiment ON runs (experiment_id);
CREATE INDEX runs_by_parent ON runs (parent_run_id);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_created ON runs (created_at);

-- The lifecycle, enforced by the database too (runs.repo.ts checks first and says why in words).
CREATE TRIGGER runs_status_transition BEFORE UPDATE OF status ON runs
WHEN NEW.status <> OLD.status AND NOT (
     (OLD.status = 'queued' AND NEW.status IN ('running', 'cancelled'))
  OR (OLD.status = 'running' AND NEW.status IN ('completed', 'failed', 'cancelled', 'interrupted')))
BEGIN
  SELECT RAISE(ABORT, 'illegal run status transition');
END;

CREATE TABLE run_tags (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tag    TEXT    NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
  PRIMARY KEY (run_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX run_tags_by_tag ON run_tags (tag, run_id);

-- One row per (run, key, step), like MLflow's metrics table. value NULL stands for NaN: SQLite cannot store NaN.
CREATE TABLE metrics (
  run_id    INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key       TEXT    NOT NULL CHECK (length(key) BETWEEN 1 AND 250),
  step      INTEGER NOT NULL CHECK (step >= 0),
  epoch     INTEGER NOT NULL,
  value     REAL,
  wall_time INTEGER NOT NULL,
  PRIMARY KEY (run_id, key, step)
) STRICT, WITHOUT ROWID;

-- counts: one uint32 (little-endian) per equal-width bin over [min, max]; kind: of the parameter's values or gradients.
CREATE TABLE histograms (
  run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch   INTEGER NOT NULL,
  param   TEXT    NOT NULL,
  kind    TEXT    NOT NULL DEFAULT 'values' CHECK (kind IN ('values', 'gradients')),
  min     REAL    NOT NULL,
  max     REAL    NOT NULL,
  dropped INTEGER NOT NULL DEFAULT 0,
  counts  BLOB    NOT NULL CHECK (length(counts) % 4 = 0),
  PRIMARY KEY (run_id, epoch, param, kind)
) STRICT, WITHOUT ROWID;

-- data: the tensor row-major, as little-endian float16 ('f16', the default: half the size, ~3 significant
-- digits, plenty for any plot) or float32 ('f32', exact). epoch -1 holds the weights before the first step.
CREATE TABLE weight_snapshots (
  run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch    INTEGER NOT NULL CHECK (epoch >= -1),
  param    TEXT    NOT NULL,
  shape    TEXT    NOT NULL CHECK (json_valid(shape)),
  encoding TEXT    NOT NULL CHECK (encoding IN ('f32', 'f16')),
  data     BLOB    NOT NULL,
  PRIMARY KEY (run_id, epoch, param)
) STRICT;

-- counts[true * classes + predicted] as little-endian uint32: rows are true labels, columns predictions.
CREATE TABLE confusion (
  run_id  INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch   INTEGER NOT NULL,
  split   TEXT    NOT NULL CHECK (split IN ('train', 'validation', 'test')),
  classes INTEGER NOT NULL CHECK (classes > 0),
  counts  BLOB    NOT NULL CHECK (length(counts) = 4 * classes * classes),
  PRIMARY KEY (run_id, epoch, split)
) STRICT, WITHOUT ROWID;

CREATE TABLE weights (
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  format     TEXT    NOT NULL CHECK (format IN ('safetensors')),
  data       BLOB    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (run_id, format)
) STRICT;
`;

export const m0001Initial: Migration = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(SQL);
  },
};

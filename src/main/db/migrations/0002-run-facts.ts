// Schema 2: what a run is and how it ended as columns of its row, instead of step-0 metrics and error text.
import type { Migration } from './migration';

// stop_reason: why a finished run stopped (NULL while it trains, and for a run that ended without a reason:
// a crash, an interrupted app). The backfill reads what
// schema 1 kept: the facts the worker stored as metrics at step 0, and the status and error text of the end.
const SQL = /* sql */ `
ALTER TABLE runs ADD COLUMN parameter_count INTEGER CHECK (parameter_count IS NULL OR parameter_count >= 0);
ALTER TABLE runs ADD COLUMN steps_total INTEGER CHECK (steps_total IS NULL OR steps_total >= 0);
ALTER TABLE runs ADD COLUMN stop_reason TEXT
  CHECK (stop_reason IS NULL OR stop_reason IN ('completed', 'early_stopping', 'cancelled', 'diverged'));

UPDATE runs SET
  parameter_count = (SELECT CAST(value AS INTEGER) FROM metrics m WHERE m.run_id = runs.id AND m.key = 'run/parameter_count' AND m.step = 0),
  steps_total = (SELECT CAST(value AS INTEGER) FROM metrics m WHERE m.run_id = runs.id AND m.key = 'run/steps_total' AND m.step = 0),
  stop_reason = CASE
    WHEN status = 'completed' AND error IS NULL THEN 'completed'
    WHEN status = 'completed' THEN 'early_stopping'
    WHEN status = 'cancelled' THEN 'cancelled'
    WHEN status = 'failed' AND error LIKE 'loss became %' THEN 'diverged'
  END;

DELETE FROM metrics WHERE key IN ('run/parameter_count', 'run/steps_total');
`;

export const m0002RunFacts: Migration = {
  version: 2,
  name: '0002-run-facts',
  up(db) {
    db.exec(SQL);
  },
};

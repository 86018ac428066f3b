// Schema 7: sweeps (grid, random or Bayesian search with early termination). A sweep is an experiment of kind
// 'sweep' with a state; each trial keeps its sampled parameters, its per-epoch scores (what early termination
// and a restarted sampler read) and, if it was stopped early, why. A stopped trial's run has status `pruned`.
import type { Migration } from './migration';
import { mustReplace, rebuildTable } from './rebuild-table';

const SQL = /* sql */ `
CREATE TABLE sweeps (
  experiment_id INTEGER PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
  state         TEXT    NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'finished', 'cancelled', 'interrupted'))
) STRICT;

-- number: 0, 1, 2… in the order the sampler proposed them; run_id: the trial's current run (a re-queued trial gets a new one);
-- requeue: the app closed while the trial was in flight (its run was cancelled then): train it again at the next start.
CREATE TABLE sweep_trials (
  experiment_id INTEGER NOT NULL REFERENCES sweeps (experiment_id) ON DELETE CASCADE,
  number        INTEGER NOT NULL CHECK (number >= 0),
  params        TEXT    NOT NULL CHECK (json_valid(params)),
  run_id        INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  epoch_values  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(epoch_values)),
  pruned_reason TEXT,
  requeue       INTEGER NOT NULL DEFAULT 0 CHECK (requeue IN (0, 1)),
  PRIMARY KEY (experiment_id, number)
) STRICT, WITHOUT ROWID;

CREATE INDEX sweep_trials_by_run ON sweep_trials (run_id);
`;

/** Adds `value` to the quoted list captured by a `… IN (` pattern. */
const addTo = (value: string) => (_: string, head: string, list: string) => `${head}${list}, '${value}')`;

export const m0007Sweeps: Migration = {
  version: 7,
  name: '0007-sweeps',
  up(db) {
    rebuildTable(db, { table: 'experiments', create: (sql) => mustReplace(sql, /(kind IN \()([^)]*)\)/, addTo('sweep')) });
    rebuildTable(db, {
      table: 'runs',
      create: (sql) => mustReplace(sql, /(CHECK \(status IN \()([^)]*)\)/, addTo('pruned')),
      // A running trial that early termination stops becomes `pruned`.
      trigger: (sql) => (sql.includes('runs_status_transition') ? mustReplace(sql, /(OLD\.status = 'running' AND NEW\.status IN \()([^)]*)\)/, addTo('pruned')) : sql),
    });
    db.exec(SQL);
  },
};

// Schema 4: the test set's predictions at each inspected epoch, so a confusion cell's images are those of its epoch.
import type { Migration } from './migration';

// predicted[i]: the arg-max class of example i of the split, in dataset order (uint8); confidence[i]: the
// probability the model gave it ×255, rounded (uint8). Runs recorded before schema 4 have none.
const SQL = /* sql */ `
CREATE TABLE predictions (
  run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch      INTEGER NOT NULL CHECK (epoch >= 0),
  split      TEXT    NOT NULL CHECK (split IN ('validation', 'test')),
  predicted  BLOB    NOT NULL,
  confidence BLOB    NOT NULL CHECK (length(confidence) = length(predicted)),
  PRIMARY KEY (run_id, epoch, split)
) STRICT;
`;

export const m0004TestPredictions: Migration = {
  version: 4,
  name: '0004-test-predictions',
  up(db) {
    db.exec(SQL);
  },
};

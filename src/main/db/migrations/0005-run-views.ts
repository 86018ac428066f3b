// Schema 5: saved views of the runs table (query, columns, sort) by name, as JSON the API validated.
import type { Migration } from './migration';

const SQL = /* sql */ `
CREATE TABLE run_views (
  name       TEXT    PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 80),
  state      TEXT    NOT NULL CHECK (json_valid(state)),
  updated_at INTEGER NOT NULL
) STRICT;
`;

export const m0005RunViews: Migration = {
  version: 5,
  name: '0005-run-views',
  up(db) {
    db.exec(SQL);
  },
};

// Schema 8: runs trained by remote workers (BullMQ on Redis). A run says where it trains (`placement`) and which
// worker trained it; the app remembers each remote run's current attempt and how far it has read the workers' feed.
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE runs ADD COLUMN placement TEXT NOT NULL DEFAULT 'local' CHECK (placement IN ('local', 'workers'));
ALTER TABLE runs ADD COLUMN worker TEXT;

-- The attempt whose messages are recorded (a retry on another worker replaces what an earlier one recorded),
-- and the wall time its training clock started at, so a restarted app records later points on the same clock.
CREATE TABLE remote_attempts (
  run_id   INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  attempt  INTEGER NOT NULL CHECK (attempt >= 1),
  worker   TEXT    NOT NULL,
  t0       INTEGER
) STRICT;

-- This database's name on the queue (random, made once): its job ids and event stream carry it, so two data
-- folders on one Redis never take each other's runs or events.
CREATE TABLE remote_identity (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  instance TEXT    NOT NULL
) STRICT;

-- The id of the last entry of a queue's event stream written to this database (in the same transaction as its
-- writes): entries up to it may be trimmed from Redis, and an entry seen again is skipped.
CREATE TABLE remote_feed (
  queue    TEXT PRIMARY KEY,
  last_id  TEXT NOT NULL
) STRICT;
`;

export const m0008RemoteWorkers: Migration = {
  version: 8,
  name: '0008-remote-workers',
  up(db) {
    db.exec(SQL);
  },
};

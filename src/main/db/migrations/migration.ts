// The shape of one schema migration: a number, a name, and a step that runs inside the upgrade transaction.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1-based; equals the `PRAGMA user_version` the database has once this step ran. */
  readonly version: number;
  /** Matches the file name, e.g. `0001-initial`. */
  readonly name: string;
  /**
   * Applies the step. It runs inside one transaction with every other pending step and with foreign keys
   * off (SQLite's recipe for rebuilding tables); foreign keys are checked before the commit.
   */
  up(db: Database.Database): void;
}

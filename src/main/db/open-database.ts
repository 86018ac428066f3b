// Opens (creating if needed) the workbench's SQLite file with this runtime's better-sqlite3 binary: refuses foreign
// or newer files, then WAL, migrations, foreign keys.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkCompatible, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { bindingLoadError, currentRuntime, isBindingLoadError, sqliteOptions } from './native-binding';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface OpenOptions {
  /** The migration list; tests pass a prefix of {@link MIGRATIONS} to build older databases. */
  readonly migrations?: readonly Migration[];
  /** How long a statement waits for another connection's lock before SQLITE_BUSY (default 5000 ms). */
  readonly busyTimeoutMs?: number;
}

/** better-sqlite3's Database on this runtime's binary; a binary that does not load is a NativeBindingError. */
export function newDatabase(file: string): Db {
  const options = sqliteOptions();
  try {
    return new Database(file, options);
  } catch (err) {
    if (isBindingLoadError(err)) throw bindingLoadError(err, currentRuntime(), options.nativeBinding);
    throw err;
  }
}

/**
 * Opens `file` (`:memory:` works too) ready for the repositories. A database newer than this code
 * (DatabaseTooNewError) or not ours (ForeignDatabaseError) is closed again without a byte written.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = newDatabase(file);
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    checkCompatible(db, file, migrations.length);
    // WAL: readers never block the writer nor the writer them; synchronous NORMAL is durable against crashes
    // of the app (not of the OS) and makes each commit cheap, which the metric stream needs.
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = OFF');
    migrate(db, file, migrations);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

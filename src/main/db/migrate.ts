// Runs the pending migrations of a database in one transaction, versioned by PRAGMA user_version.
import type Database from 'better-sqlite3';
import { DatabaseTooNewError, ForeignDatabaseError, MigrationError } from './errors';
import type { Migration } from './migrations';

/** `PRAGMA application_id` of every workbench database: 'NNWB' in ASCII, so `file(1)` and we can tell it apart. */
export const APPLICATION_ID = 0x4e4e5742;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws unless `migrations` are numbered 1, 2, 3… in order (a mistake in migrations/index.ts). */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is listed at position ${i + 1} but has version ${m.version}`);
  });
}

/**
 * Refuses a database this code must not touch: newer than `known`, or not ours. Only reads.
 * NOTE: must run before anything that writes, including `PRAGMA journal_mode = WAL`.
 */
export function checkCompatible(db: Database.Database, file: string, known: number): void {
  let version: number;
  try {
    version = schemaVersion(db);
  } catch (err) {
    throw new ForeignDatabaseError(file, (err as Error).message);
  }
  if (version > known) throw new DatabaseTooNewError(file, version, known);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (version > 0 && appId !== APPLICATION_ID) {
    throw new ForeignDatabaseError(file, `application_id is ${appId}, not ${APPLICATION_ID}`);
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
    if (tables > 0) throw new ForeignDatabaseError(file, `it holds ${tables} tables but no workbench schema version`);
  }
}

/**
 * Brings the schema up to `migrations.length`. All pending steps run in one IMMEDIATE transaction, so a
 * failing step leaves the file at its old version, and two processes opening the same new file do not both
 * migrate (the second waits, then finds nothing to do). Returns the versions applied.
 * NOTE: expects foreign keys OFF (a no-op inside a transaction), as SQLite's table-rebuild recipe needs.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[]): number[] {
  checkMigrationList(migrations);
  const latest = migrations.length;
  if (schemaVersion(db) === latest) return [];
  const applied: number[] = [];
  const upgrade = db.transaction(() => {
    // Re-read under the write lock: another process may have migrated while we waited for it.
    const current = schemaVersion(db);
    if (current > latest) throw new DatabaseTooNewError(file, current, latest);
    if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of migrations.slice(current)) {
      try {
        m.up(db);
      } catch (err) {
        throw new MigrationError(file, m.name, (err as Error).message);
      }
      applied.push(m.version);
    }
    const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    if (broken.length > 0) {
      const b = broken[0]!;
      throw new MigrationError(
        file,
        migrations[latest - 1]!.name,
        `${broken.length} rows break foreign keys (first: ${b.table} rowid ${b.rowid} → ${b.parent})`,
      );
    }
    db.pragma(`user_version = ${latest}`);
  });
  upgrade.immediate();
  return applied;
}

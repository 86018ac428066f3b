// Tests for opening the database on real files: fresh, reopened, upgraded, rolled back, and refused untouched.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, ForeignDatabaseError, MigrationError } from './errors';
import { APPLICATION_ID, schemaVersion } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { type Db, newDatabase, openDatabase } from './open-database';
import { tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-open-');
afterAll(() => temp.remove());

const tables = (db: Db) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();

/** Everything about a file an opener could change: its bytes and the folder's listing. */
function fingerprint(file: string) {
  return { bytes: readFileSync(file), listing: readdirSync(temp.dir).sort() };
}

describe('openDatabase', () => {
  it('creates every table on an empty file, in WAL mode with foreign keys on', () => {
    const db = openDatabase(temp.file('sub/dir/fresh.sqlite'));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(tables(db)).toEqual(
      [
        'checkpoints',
        'confusion',
        'experiments',
        'histograms',
        'metrics',
        'predictions',
        'remote_attempts',
        'remote_feed',
        'remote_identity',
        'run_tags',
        'run_views',
        'runs',
        'sweep_trials',
        'sweeps',
        'weight_snapshots',
        'weights',
      ].sort(),
    );
    db.close();
  });

  it('reopens an up-to-date database without changing it', () => {
    const file = temp.file();
    const db = openDatabase(file);
    db.prepare("INSERT INTO experiments (kind, name, created_at) VALUES ('grid', 'g', 1)").run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT name FROM experiments').pluck().all()).toEqual(['g']);
    again.close();
  });

  it('works in memory', () => {
    const db = openDatabase(':memory:');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database from a newer version and leaves it byte-identical', () => {
    const file = temp.file('newer.sqlite');
    const newer = newDatabase(file);
    newer.pragma('journal_mode = WAL');
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`application_id = ${APPLICATION_ID}`);
    // One past the newest this code knows, whatever that is.
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    const before = fingerprint(file);
    const known = MIGRATIONS.length;
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(`${file} was written by a newer NN Workbench (schema ${known + 1}; this one knows ${known})`);
    const after = fingerprint(file);
    expect(after.listing).toEqual(before.listing);
    expect(Buffer.compare(after.bytes, before.bytes)).toBe(0);
  });

  it("refuses another application's SQLite file, and a file that is not SQLite, leaving both untouched", () => {
    const foreign = temp.file('foreign.sqlite');
    const other = newDatabase(foreign);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    const before = readFileSync(foreign);
    expect(() => openDatabase(foreign)).toThrow(ForeignDatabaseError);
    expect(Buffer.compare(readFileSync(foreign), before)).toBe(0);

    const wrongId = temp.file('wrong-id.sqlite');
    const w = newDatabase(wrongId);
    w.pragma('user_version = 1');
    w.close();
    expect(() => openDatabase(wrongId)).toThrow(/application_id is 0/);

    const garbage = temp.file('garbage.sqlite');
    writeFileSync(garbage, 'this is a text file, not a database, but long enough to look like one.'.repeat(20));
    const bytes = readFileSync(garbage);
    expect(() => openDatabase(garbage)).toThrow(ForeignDatabaseError);
    expect(Buffer.compare(readFileSync(garbage), bytes)).toBe(0);
  });
});

describe('migrations', () => {
  // A stand-in for the next real migration, so upgrades are tested before one exists.
  const addColour: Migration = {
    version: MIGRATIONS.length + 1,
    name: 'test-add-colour',
    up: (db) => {
      db.exec("ALTER TABLE experiments ADD COLUMN colour TEXT NOT NULL DEFAULT 'grey'");
      db.exec("UPDATE experiments SET colour = 'blue' WHERE kind = 'grid'");
    },
  };
  const broken: Migration = {
    version: MIGRATIONS.length + 1,
    name: 'test-broken',
    up: (db) => {
      db.exec('CREATE TABLE half_done (x INTEGER)');
      db.exec('ALTER TABLE no_such_table ADD COLUMN y INTEGER');
    },
  };

  function databaseAtCurrentVersion(): string {
    const file = temp.file();
    const db = openDatabase(file);
    db.prepare("INSERT INTO experiments (kind, name, created_at) VALUES ('grid', 'sweep', 1), ('run', 'single', 2)").run();
    db.close();
    return file;
  }

  it('upgrades from the previous version, keeping the rows', () => {
    const file = databaseAtCurrentVersion();
    const db = openDatabase(file, { migrations: [...MIGRATIONS, addColour] });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length + 1);
    expect(db.prepare('SELECT name, colour FROM experiments ORDER BY id').all()).toEqual([
      { name: 'sweep', colour: 'blue' },
      { name: 'single', colour: 'grey' },
    ]);
    db.close();
  });

  it('rolls a failing upgrade back completely: old version, no half-made table, rows intact', () => {
    const file = databaseAtCurrentVersion();
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] })).toThrow(MigrationError);
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, broken] })).toThrow(/migration test-broken failed, nothing was changed/);
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare('SELECT count(*) FROM experiments').pluck().get()).toBe(2);
    db.close();
  });

  it('refuses an upgrade that leaves rows breaking a foreign key', () => {
    const file = databaseAtCurrentVersion();
    const orphan: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'test-orphan',
      up: (db) => db.exec(`INSERT INTO run_tags (run_id, tag) VALUES (999, 'x')`),
    };
    expect(() => openDatabase(file, { migrations: [...MIGRATIONS, orphan] })).toThrow(/break foreign keys/);
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM run_tags').pluck().get()).toBe(0);
    db.close();
  });

  it('rejects a migration list that is out of order', () => {
    const misnumbered = { ...addColour, version: MIGRATIONS.length + 2 };
    expect(() => openDatabase(temp.file(), { migrations: [...MIGRATIONS, misnumbered] })).toThrow(/listed at position/);
  });
});

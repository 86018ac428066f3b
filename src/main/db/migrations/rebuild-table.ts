// SQLite's table-rebuild recipe for changing a CHECK constraint, applied to the table's current definition (so it
// keeps whatever columns earlier migrations gave it): the edited CREATE under a new name, rows and id counter
// copied, the old table dropped, the new one renamed, its indexes and triggers re-created (triggers edited too).
import type Database from 'better-sqlite3';

export interface TableEdit {
  readonly table: string;
  /** Edits the CREATE TABLE text; must change it. */
  readonly create: (sql: string) => string;
  /** Edits a trigger's text (default: unchanged). */
  readonly trigger?: (sql: string) => string;
}

/** `text` with `pattern` replaced; throws when it is not there (the schema is not the one this migration expects). */
export function mustReplace(text: string, pattern: RegExp, replace: (match: string, ...groups: string[]) => string): string {
  if (!pattern.test(text)) throw new Error(`expected ${pattern} in: ${text.slice(0, 200)}`);
  return text.replace(pattern, replace);
}

export function rebuildTable(db: Database.Database, edit: TableEdit): void {
  const { table } = edit;
  const create = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string | undefined;
  if (!create) throw new Error(`no table ${table}`);
  const dependents = db.prepare("SELECT type, sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name").all(table) as {
    type: 'index' | 'trigger';
    sql: string;
  }[];
  const temp = `${table}_new`;
  const edited = edit.create(create);
  if (edited === create) throw new Error(`the edit left table ${table} unchanged`);
  db.exec(mustReplace(edited, new RegExp(`^CREATE TABLE "?${table}"?`), () => `CREATE TABLE ${temp}`));
  db.exec(`INSERT INTO ${temp} SELECT * FROM ${table}`);
  // Ids of deleted rows stay retired.
  db.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(temp);
  db.prepare('INSERT INTO sqlite_sequence (name, seq) SELECT ?, seq FROM sqlite_sequence WHERE name = ?').run(temp, table);
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${temp} RENAME TO ${table};`);
  for (const d of dependents) db.exec(d.type === 'trigger' && edit.trigger ? edit.trigger(d.sql) : d.sql);
}

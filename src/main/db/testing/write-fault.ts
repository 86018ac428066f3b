// A write the database refuses, as a full disk or a failing device would: a trigger, set from a second connection,
// that aborts every insert of one run's row into a table. For tests of what the app does when recording throws.
import Database from 'better-sqlite3';

/** From now on, inserting a row of run `runId` into `table` throws `message` (SQLITE_CONSTRAINT_TRIGGER). */
export function refuseInserts(file: string, table: string, runId: number, message: string): void {
  if (!/^[a-z_]+$/.test(table)) throw new RangeError(`not a table name: ${table}`);
  const db = new Database(file);
  try {
    db.exec(`CREATE TRIGGER refuse_${table}_${runId} BEFORE INSERT ON ${table} WHEN NEW.run_id = ${Number(runId)}
             BEGIN SELECT RAISE(ABORT, '${message.replaceAll("'", "''")}'); END`);
  } finally {
    db.close();
  }
}

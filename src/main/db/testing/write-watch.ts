// Whether anything was written to a data folder: the database seen from a second connection (its data_version
// moves with every commit another connection makes; row counts say where) and the folder's other files.
import Database from 'better-sqlite3';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../data-dir';

export interface DataFolderState {
  /** PRAGMA data_version of the watching connection: equal ⇒ nobody committed in between. */
  readonly dataVersion: number;
  /** Rows per table. */
  readonly rows: Readonly<Record<string, number>>;
  /** Every file but the database's own (and the lock): "reports/2026…/report.md 1234". */
  readonly files: readonly string[];
}

export interface WriteWatch {
  state(): DataFolderState;
  close(): void;
}

/** Watches `dataDir`, whose database must exist (a started workbench made it). */
export function watchWrites(dataDir: string): WriteWatch {
  const db = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const counters = tables.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM "${t.replace(/"/g, '""')}"`)] as const);
  return {
    state: () => ({
      dataVersion: db.pragma('data_version', { simple: true }) as number,
      rows: Object.fromEntries(counters.map(([t, count]) => [t, (count.get() as { n: number }).n])),
      files: listFiles(dataDir),
    }),
    close: () => db.close(),
  };
}

const OWN = new Set([DATABASE_FILE_NAME, `${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, `${DATABASE_FILE_NAME}-journal`, 'workbench.lock']);

function listFiles(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(`${name}/`, ...listFiles(root, name));
    else if (!OWN.has(name)) out.push(`${name} ${statSync(path.join(root, name)).size}`);
  }
  return out.sort();
}

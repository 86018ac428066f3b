// Tests that readers and a writer work at once (WAL): readers see whole committed batches, never wait, never fail.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteOptions } from './native-binding';
import { openStore } from './store';
import { sampleConfig, tempFolder } from './testing/fixtures';

const temp = tempFolder('nnw-wal-');
afterAll(() => temp.remove());

function storeWithRun(file: string) {
  const store = openStore(file);
  const runId = store.runs.create({ config: sampleConfig() }).id;
  return { store, runId };
}

describe('WAL', () => {
  it('lets a reader read the last commit while a write transaction is open, and a writer commit under an open read', () => {
    const file = temp.file();
    const { store, runId } = storeWithRun(file);
    const reader = new Database(file, { readonly: true, ...sqliteOptions() });
    const count = reader.prepare('SELECT count(*) FROM metrics').pluck();
    store.metrics.append(runId, [{ key: 'loss', step: 0, epoch: 0, value: 1 }]);

    store.db.exec('BEGIN IMMEDIATE');
    store.db.prepare("INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (?, 'loss', 1, 0, 1, 0)").run(runId);
    expect(count.get()).toBe(1); // not SQLITE_BUSY, and not the uncommitted row
    store.db.exec('COMMIT');
    expect(count.get()).toBe(2);

    // A long read transaction keeps its snapshot while the writer goes on.
    reader.exec('BEGIN');
    expect(count.get()).toBe(2);
    store.metrics.append(runId, [{ key: 'loss', step: 2, epoch: 0, value: 1 }]);
    expect(count.get()).toBe(2);
    reader.exec('COMMIT');
    expect(count.get()).toBe(3);
    reader.close();
    store.close();
  });

  it('serves readers in this process while another process appends batches', async () => {
    const file = temp.file();
    const { store, runId } = storeWithRun(file);
    const batches = 150;
    const batchSize = 200;
    // The writer: a separate Node process appending batches in transactions, pausing ~1 ms between them.
    const writer = `
      const Database = require(process.argv[1]);
      const db = new Database(process.argv[2], process.argv[3] ? { nativeBinding: process.argv[3] } : {});
      db.pragma('busy_timeout = 5000');
      const insert = db.prepare("INSERT INTO metrics (run_id, key, step, epoch, value, wall_time) VALUES (?, 'loss', ?, 0, ?, 0)");
      const batch = db.transaction((from) => { for (let s = from; s < from + ${batchSize}; s++) insert.run(${runId}, s, 1 / (s + 1)); });
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let b = 0; b < ${batches}; b++) { batch(b * ${batchSize}); Atomics.wait(pause, 0, 0, 1); }
      db.close();`;
    const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
    const child = spawn(process.execPath, ['-e', writer, sqlitePath, file, sqliteOptions().nativeBinding ?? ''], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let done = false;
    void exited.then(() => (done = true));

    const seen: number[] = [];
    const count = store.db.prepare('SELECT count(*) FROM metrics').pluck();
    while (!done) {
      seen.push(count.get() as number);
      store.metrics.series(runId, 'loss', { maxPoints: 100 });
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await exited, stderr).toBe(0);
    const final = count.get() as number;
    expect(final).toBe(batches * batchSize);
    // Every read saw whole batches only, never going back; and it saw the table grow along the way.
    expect(seen.every((n) => n % batchSize === 0)).toBe(true);
    expect(seen.every((n, i) => i === 0 || n >= seen[i - 1]!)).toBe(true);
    expect(new Set(seen.filter((n) => n > 0 && n < final)).size).toBeGreaterThan(2);
    store.close();
  });
});

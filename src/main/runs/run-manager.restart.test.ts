// The whole manager process killed mid-run: its training process goes too, and the next manager on the
// same data folder takes over the stale lock and marks the run interrupted with every metric kept.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { METRIC_KEYS } from '../../shared/api-inspect-types';
import { databaseFile, openStore } from '../db';
import { tempFolder, type TempFolder } from '../db/testing/fixtures';
import { LOCK_FILE_NAME } from './data-dir-lock';
import { createForkHost, defaultExecArgv } from './fork-host';
import { RunManager } from './run-manager';
import { tinyConfig, until } from './testing/manager-fixtures';

const SCRIPT = path.join(__dirname, 'testing', 'manager-process.ts');

/** Gone, or a zombie nobody has reaped yet (it runs no more code either way). */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  } catch {
    return true;
  }
}

let temp: TempFolder | undefined;
afterEach(() => temp?.remove());

describe('RunManager after its process was killed', () => {
  it('marks the run interrupted, keeps its metrics, and takes over the lock', async () => {
    temp = tempFolder('nnw-restart-');
    const child = spawn(process.execPath, [...defaultExecArgv(SCRIPT), SCRIPT, temp.dir, JSON.stringify(tinyConfig({ epochs: 500 }))], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<{ runId: number; workerPid: number }>((resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line)));
      child.once('exit', (code) => reject(new Error(`the manager process exited (${code}) before an epoch`)));
    });
    expect(readFileSync(path.join(temp.dir, LOCK_FILE_NAME), 'utf8').split('\n')[0]).toBe(String(child.pid));
    child.kill('SIGKILL');
    await exited;
    // Its training process notices the parent is gone and stops rather than train for nobody.
    await until(() => isGone(first.workerPid), 'the orphaned training process to end', 10_000);

    const store = openStore(databaseFile(temp.dir));
    try {
      const stepsBefore = store.metrics.series(first.runId, METRIC_KEYS.loss).total;
      expect(store.runs.get(first.runId)!.status).toBe('running');
      const manager = new RunManager(store, createForkHost());
      expect(manager.start()).toEqual({ interrupted: 1, requeued: [] });
      const run = store.runs.get(first.runId)!;
      expect(run).toMatchObject({ status: 'interrupted', error: 'the workbench stopped while the run was in progress' });
      expect(run.epochsDone).toBeGreaterThanOrEqual(1);
      expect(stepsBefore).toBeGreaterThanOrEqual(10);
      expect(store.metrics.series(first.runId, METRIC_KEYS.loss).total).toBe(stepsBefore);
      expect(readFileSync(path.join(temp.dir, LOCK_FILE_NAME), 'utf8').split('\n')[0]).toBe(String(process.pid));
      await manager.shutdown();
    } finally {
      store.close();
    }
  });
});

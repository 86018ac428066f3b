// The data folder lock: one live owner, stale locks taken over, a lock being written left alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../db/testing/fixtures';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from './data-dir-lock';

let temp: TempFolder;
let file: string;
beforeEach(() => {
  temp = tempFolder('nnw-lock-');
  file = path.join(temp.dir, LOCK_FILE_NAME);
});
afterEach(() => temp.remove());

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid!;
}

describe('lockDataDir', () => {
  it('writes its pid, refuses a second owner in this process, and frees the folder on release', () => {
    const lock = lockDataDir(path.join(temp.dir, 'new', 'folder'));
    expect(readFileSync(lock.file, 'utf8')).toBe(`${process.pid}\n`);
    expect(() => lockDataDir(path.join(temp.dir, 'new', 'folder'))).toThrow(DataDirLockedError);
    lock.release();
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lockDataDir(path.join(temp.dir, 'new', 'folder')).release();
  });

  it('refuses a folder whose lock names another live process', () => {
    writeFileSync(file, `${process.ppid}\n`);
    expect(() => lockDataDir(temp.dir)).toThrow(expect.objectContaining({ name: 'DataDirLockedError', pid: process.ppid }));
    expect(readFileSync(file, 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over the lock of a process that is gone', () => {
    writeFileSync(file, `${deadPid()}\n`);
    const lock = lockDataDir(temp.dir);
    expect(readFileSync(file, 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('leaves a lock being written alone, but takes over an old unreadable one', () => {
    writeFileSync(file, '');
    expect(() => lockDataDir(temp.dir)).toThrow(/is in use by another NN Workbench \(that is starting\)/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    lockDataDir(temp.dir).release();
  });
});

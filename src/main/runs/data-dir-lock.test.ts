// The data folder lock: one live owner, stale locks taken over (a pid reused since, a lock from before a reboot),
// a lock being written left alone.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFolder, type TempFolder } from '../db/testing/fixtures';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from './data-dir-lock';
import { bootId, processStartTime } from './process-identity';

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

/** A live process that is not this one (another server, or whatever got a dead server's pid). */
let other: ChildProcess | undefined;
function livePid(): number {
  other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return other.pid!;
}
afterEach(() => {
  other?.kill('SIGKILL');
  other = undefined;
});

const lockText = (pid: number, start: string | null, boot: string | null) => `${pid}\nstart=${start ?? ''}\nboot=${boot ?? ''}\n`;

describe('lockDataDir', () => {
  it('writes its pid, refuses a second owner in this process, and frees the folder on release', () => {
    const lock = lockDataDir(path.join(temp.dir, 'new', 'folder'));
    expect(readFileSync(lock.file, 'utf8')).toBe(lockText(process.pid, processStartTime(process.pid), bootId()));
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
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('refuses a lock naming a live process that started when the lock says', () => {
    const pid = livePid();
    const start = processStartTime(pid);
    expect(start).not.toBeNull();
    writeFileSync(file, lockText(pid, start, bootId()));
    expect(() => lockDataDir(temp.dir)).toThrow(expect.objectContaining({ name: 'DataDirLockedError', pid }));
  });

  it('takes over a lock whose pid now belongs to another process (it started later than the owner did)', () => {
    const pid = livePid();
    writeFileSync(file, lockText(pid, 'ticks:1', bootId()));
    const lock = lockDataDir(temp.dir);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock written before a reboot, even if its pid and start time match a live process', () => {
    const pid = livePid();
    writeFileSync(file, lockText(pid, processStartTime(pid), '00000000-0000-0000-0000-000000000000'));
    lockDataDir(temp.dir).release();
  });

  it('takes over a lock naming this pid when this process did not take it (a container restarted with the same pids)', () => {
    writeFileSync(file, lockText(process.pid, 'ticks:1', bootId()));
    lockDataDir(temp.dir).release();
  });

  it('without /proc, asks ps when a process started; without either, the pid alone decides', () => {
    const pid = livePid();
    const viaPs = processStartTime(pid, { procDir: path.join(temp.dir, 'no-proc') });
    expect(viaPs).toMatch(/^ps:.*\d/);
    expect(processStartTime(pid, { procDir: path.join(temp.dir, 'no-proc') })).toBe(viaPs);
    expect(processStartTime(deadPid(), { procDir: path.join(temp.dir, 'no-proc') })).toBeNull();
    expect(bootId({ procDir: path.join(temp.dir, 'no-proc') })).toBeNull();
    // A lock from before start times were recorded: a live pid still holds it.
    writeFileSync(file, `${pid}\n`);
    expect(() => lockDataDir(temp.dir)).toThrow(DataDirLockedError);
  });

  it('leaves a lock being written alone, but takes over an old unreadable one', () => {
    writeFileSync(file, '');
    expect(() => lockDataDir(temp.dir)).toThrow(/is in use by another NN Workbench \(that is starting\)/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    lockDataDir(temp.dir).release();
  });
});

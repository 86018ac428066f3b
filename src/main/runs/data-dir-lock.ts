// `<dataDir>/workbench.lock`: one process at a time trains from a data folder (and marks its leftovers interrupted).
// The lock holds the owner's pid, start time and boot id: a pid alone may belong to another process by now.
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Store } from '../db';
import { bootId, processStartTime } from './process-identity';

export const LOCK_FILE_NAME = 'workbench.lock';

/** Another live NN Workbench process owns the data folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    /** Null while the owner is still writing its pid. */
    readonly pid: number | null,
  ) {
    const who = pid === null ? 'that is starting' : pid === process.pid ? `pid ${pid}, this process` : `pid ${pid}`;
    super(
      `the data folder ${path.dirname(lockFile)} is in use by another NN Workbench (${who}). ` +
        `Close it, or choose another folder with --data-dir. If no NN Workbench is running, delete ${lockFile}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if it is still ours; idempotent. */
  release(): void;
}

/** Lock files this process holds: a second owner inside one process is refused like one outside it. */
const held = new Set<string>();

/** A lock file written this recently but still empty is being written by its owner, not abandoned. */
const FRESH_MS = 2000;

/** What a lock file says of its owner; `start` and `boot` are null in locks written before they were recorded. */
interface LockOwner {
  readonly pid: number;
  readonly start: string | null;
  readonly boot: string | null;
}

/**
 * Takes the lock of `dataDir`, creating the folder if needed. A lock whose process is gone (a crash, a
 * SIGKILL, a power cut) is stale and taken over, also when its pid now names another process.
 * @throws DataDirLockedError when a live process (this one included) holds it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  // Two attempts: the second follows the removal of a stale lock (another process may win the race to it).
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists: creating it is the atomic test-and-set.
      writeFileSync(file, ownerText(), { flag: 'wx' });
      held.add(file);
      return { file, release: () => release(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (owner === undefined) continue; // removed in between: try again
    if (owner === null) {
      if (Date.now() - mtime(file) < FRESH_MS) throw new DataDirLockedError(file, null);
    } else if (stillRunning(owner, file)) {
      throw new DataDirLockedError(file, owner.pid);
    }
    removeQuietly(file);
  }
  throw new DataDirLockedError(file, readOwner(file)?.pid ?? null);
}

function release(file: string): void {
  if (!held.delete(file)) return;
  if (readOwner(file)?.pid === process.pid) removeQuietly(file);
}

/** This process as a lock file names it: "<pid>\nstart=<start time>\nboot=<boot id>\n" (the pid first, as before). */
function ownerText(): string {
  return `${process.pid}\nstart=${processStartTime(process.pid) ?? ''}\nboot=${bootId() ?? ''}\n`;
}

/** Whether the lock's owner still runs: on this boot, its pid alive, started when the lock says it did. */
function stillRunning(owner: LockOwner, file: string): boolean {
  const boot = bootId();
  if (owner.boot !== null && boot !== null && owner.boot !== boot) return false;
  // Our own pid: ours only if this process took it (a container restarted with the same pid did not).
  if (owner.pid === process.pid) return held.has(file);
  if (!isAlive(owner.pid)) return false;
  const start = owner.start === null ? null : processStartTime(owner.pid);
  return owner.start === null || start === null || start === owner.start;
}

/** The owner the lock file names; null when it names none (being written); undefined when the file is gone. */
function readOwner(file: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const [first = '', ...rest] = text.split('\n');
  const pid = Number(first.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const field = (key: string) =>
    rest
      .find((line) => line.startsWith(`${key}=`))
      ?.slice(key.length + 1)
      .trim() || null;
  return { pid, start: field('start'), boot: field('boot') };
}

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks existence without sending anything.
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** The folder of the store's database file; null for an in-memory database. */
export function databaseFolder(store: Store): string | null {
  const file = store.db.name;
  return file === ':memory:' || file === '' ? null : path.dirname(path.resolve(file));
}

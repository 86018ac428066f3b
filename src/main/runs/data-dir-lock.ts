// `<dataDir>/workbench.lock`: one process at a time trains from a data folder (and marks its leftovers interrupted).
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

/**
 * Takes the lock of `dataDir`, creating the folder if needed. A lock whose process is gone (a crash, a
 * SIGKILL, a power cut) is stale and taken over.
 * @throws DataDirLockedError when a live process (this one included) holds it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(path.resolve(dataDir), LOCK_FILE_NAME);
  // Two attempts: the second follows the removal of a stale lock (another process may win the race to it).
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists: creating it is the atomic test-and-set.
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(file);
      return { file, release: () => release(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readOwner(file);
    if (owner === undefined) continue; // removed in between: try again
    if (owner === null) {
      if (Date.now() - mtime(file) < FRESH_MS) throw new DataDirLockedError(file, null);
    } else if (owner === process.pid ? held.has(file) : isAlive(owner)) {
      throw new DataDirLockedError(file, owner);
    }
    removeQuietly(file);
  }
  throw new DataDirLockedError(file, readOwner(file) ?? null);
}

function release(file: string): void {
  if (!held.delete(file)) return;
  if (readOwner(file) === process.pid) removeQuietly(file);
}

/** The pid in the lock file; null when it holds none; undefined when the file is gone. */
function readOwner(file: string): number | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
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

// Checkpoint files in the data folder (`checkpoints/run-<id>/epoch-<k>.ckpt`): written atomically, read back
// checked against the size and sha256 their row recorded, so a torn or altered file is named, never trained on.
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { CheckpointRow } from '../db';

export const CHECKPOINTS_FOLDER = 'checkpoints';

/** A checkpoint that is missing or does not match its row; the message names the file. */
export class CheckpointFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFileError';
  }
}

/** Relative to the data folder (rows store this, so a moved data folder keeps working). */
export function checkpointFile(runId: number, epochsDone: number): string {
  return path.join(CHECKPOINTS_FOLDER, `run-${runId}`, `epoch-${epochsDone}.ckpt`);
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Writes `data` to `dataDir/file` through a temporary file, fsync and rename: a kill at any moment leaves
 * either the old file or the whole new one, never a torn one.
 */
export function writeCheckpointFile(dataDir: string, file: string, data: Uint8Array): void {
  const target = path.join(dataDir, file);
  const folder = path.dirname(target);
  mkdirSync(folder, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (let done = 0; done < data.length;) done += writeSync(fd, data, done, data.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
  syncFolder(folder);
}

/** The file's bytes, checked against its row. @throws CheckpointFileError naming the file. */
export function readCheckpointFile(dataDir: string, row: CheckpointRow): Uint8Array {
  const file = path.join(dataDir, row.file);
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new CheckpointFileError(
      `the checkpoint of run ${row.runId} after epoch ${row.epochsDone} is ${code === 'ENOENT' ? 'missing' : 'unreadable'}: ${file}${code === 'ENOENT' ? '' : ` (${(err as Error).message})`}`,
    );
  }
  if (data.length !== row.bytes || sha256(data) !== row.sha256) {
    throw new CheckpointFileError(
      `the checkpoint of run ${row.runId} after epoch ${row.epochsDone} is corrupt: ${file} has ${data.length} bytes (sha256 ${sha256(data).slice(0, 12)}…), ` +
        `${row.bytes} were written (sha256 ${row.sha256.slice(0, 12)}…)`,
    );
  }
  return data;
}

/** Removes files (missing ones are fine: a crash may have left the row without its file or the reverse). */
export function removeCheckpointFiles(dataDir: string, files: readonly string[]): void {
  for (const f of files) rmSync(path.join(dataDir, f), { force: true });
}

/** Removes a deleted run's checkpoint folder. */
export function removeRunCheckpoints(dataDir: string, runId: number): void {
  rmSync(path.join(dataDir, CHECKPOINTS_FOLDER, `run-${runId}`), { recursive: true, force: true });
}

function syncFolder(folder: string): void {
  // Makes the rename durable; some platforms (Windows) cannot open a folder, where rename is durable enough.
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}

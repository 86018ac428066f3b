// Runs the training-process entry again as a worker thread (the training thread, replica threads).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts `entryUrl` (a file: URL of the process entry) as a worker thread, which reads `data` to know its
 * role; from sources (a `.ts` entry) through thread-boot.mjs, which registers tsx in the thread first.
 */
export function startEntryThread(entryUrl: string, data: unknown): Worker {
  const entry = fileURLToPath(entryUrl);
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData: data });
  return new Worker(path.join(path.dirname(entry), 'thread-boot.mjs'), { workerData: data, argv: [entryUrl] });
}

// The training thread inside a training process: the engine's loop is synchronous, so it runs here and
// the process's main thread stays free to receive `cancel` and pass messages on while it trains.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { WorkerMessage } from '../../shared/worker-protocol';
import { runTraining, type TrainingJob } from './run-training';

export interface ThreadData {
  readonly job: TrainingJob;
  /** Int32Array[1] over shared memory: the main thread stores 1 to cancel. */
  readonly cancel: SharedArrayBuffer;
  /** Electron's process.resourcesPath (where a packaged app keeps its kernels), which worker threads lack. */
  readonly resourcesPath?: string;
}

/** A one-slot flag both threads see; reading it costs a memory load, so the loop checks it every step. */
export function createCancelFlag(): { buffer: SharedArrayBuffer; set: () => void; isSet: () => boolean } {
  const buffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(buffer);
  return { buffer, set: () => Atomics.store(flag, 0, 1), isSet: () => Atomics.load(flag, 0) !== 0 };
}

/**
 * Starts the training thread by running `entryUrl` (the process entry) again as a worker; from sources
 * (a `.ts` entry) through thread-boot.mjs, which registers tsx in the thread first.
 */
export function startTrainingThread(entryUrl: string, data: ThreadData): Worker {
  const entry = fileURLToPath(entryUrl);
  const { resourcesPath } = process as { resourcesPath?: string };
  const workerData: ThreadData = resourcesPath ? { ...data, resourcesPath } : data;
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData });
  return new Worker(path.join(path.dirname(entry), 'thread-boot.mjs'), { workerData, argv: [entryUrl] });
}

/** The thread's body: run the job from workerData and post every message to the process's main thread. */
export async function trainingThreadMain(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('trainingThreadMain must run in a worker thread');
  const { job, cancel, resourcesPath } = workerData as ThreadData;
  // NOTE: Electron sets process.resourcesPath in the environments it creates, not in Node's worker threads.
  if (resourcesPath && !(process as { resourcesPath?: string }).resourcesPath) Object.defineProperty(process, 'resourcesPath', { value: resourcesPath });
  const flag = new Int32Array(cancel);
  await runTraining(job, (msg: WorkerMessage) => port.postMessage(msg), () => Atomics.load(flag, 0) !== 0);
}

// The training thread inside a training process: the engine's loop is synchronous, so it runs here and
// the process's main thread stays free to receive `cancel` and pass messages on while it trains.
import { parentPort, type Worker, workerData } from 'node:worker_threads';
import type { WorkerMessage } from '../../shared/worker-protocol';
import { startEntryThread } from './entry-thread';
import { runTraining, type TrainingJob } from './run-training';

export interface ThreadData {
  readonly job: TrainingJob;
  /** Int32Array[1] over shared memory: the main thread stores 1 to cancel. */
  readonly cancel: SharedArrayBuffer;
  /** The process entry, which the run's replica threads (threads > 1) run again. */
  readonly entryUrl: string;
  /** Electron's process.resourcesPath (where a packaged app keeps its kernels), which worker threads lack. */
  readonly resourcesPath?: string;
}

/** A one-slot flag both threads see; reading it costs a memory load, so the loop checks it every step. */
export function createCancelFlag(): { buffer: SharedArrayBuffer; set: () => void; isSet: () => boolean } {
  const buffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(buffer);
  return { buffer, set: () => Atomics.store(flag, 0, 1), isSet: () => Atomics.load(flag, 0) !== 0 };
}

/** Starts the training thread (the process entry again, as a worker). */
export function startTrainingThread(entryUrl: string, data: ThreadData): Worker {
  // NOTE: Electron sets process.resourcesPath in the environments it creates, not in Node's worker threads.
  const { resourcesPath } = process as { resourcesPath?: string };
  return startEntryThread(entryUrl, resourcesPath ? { ...data, resourcesPath } : data);
}

/** The thread's body: run the job from workerData and post every message to the process's main thread. */
export async function trainingThreadMain(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('trainingThreadMain must run in a worker thread');
  const { job, cancel, entryUrl, resourcesPath } = workerData as ThreadData;
  if (resourcesPath && !(process as { resourcesPath?: string }).resourcesPath) Object.defineProperty(process, 'resourcesPath', { value: resourcesPath });
  const flag = new Int32Array(cancel);
  await runTraining(
    { ...job, threadEntry: entryUrl },
    (msg: WorkerMessage) => port.postMessage(msg),
    () => Atomics.load(flag, 0) !== 0,
  );
}

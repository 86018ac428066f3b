// Entry of a training process (utilityProcess.fork or child_process.fork). The same file runs as the
// process's main thread (protocol), as its training thread (engine, see training-thread.ts) and as the
// run's replica threads (data parallelism, see ../wasm/replica-thread.ts).
import { isMainThread, workerData } from 'node:worker_threads';
import { isReplicaThread, replicaThreadMain } from '../wasm/replica-thread';
import { connectToParent } from './parent-port';
import { serveTrainingProcess } from './training-process';
import { trainingThreadMain } from './training-thread';

if (isMainThread) {
  // Ctrl-C in a terminal reaches the whole process group; the main process owns cancelling (it sends
  // `cancel`, so the run ends `cancelled` with its metrics), so the training process must not die of it.
  process.on('SIGINT', () => {});
  serveTrainingProcess(connectToParent(), import.meta.url);
} else if (isReplicaThread(workerData)) {
  void replicaThreadMain();
} else {
  void trainingThreadMain();
}

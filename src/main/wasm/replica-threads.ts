// Starts the helper threads of data-parallel training: each runs the process entry again as a replica
// thread (replica-thread.ts) over the shared wasm memory.
import type { Worker } from 'node:worker_threads';
import type { WasmMemory, WasmModule } from '../../engine/kernels/wasm';
import type { ReplicaThreads } from '../../engine/parallel';
import { startEntryThread } from '../worker/entry-thread';
import type { ReplicaThreadData } from './replica-thread';

/** Starts `helpers` replica threads running `module` over `memory`; resolves when all are ready. */
export async function startReplicaThreads(entryUrl: string, module: WasmModule, memory: WasmMemory, maximumMiB: number, helpers: number): Promise<ReplicaThreads> {
  const data: ReplicaThreadData = { role: 'replica', module, memory, maximumMiB };
  const workers = Array.from({ length: helpers }, () => startEntryThread(entryUrl, data));
  try {
    await Promise.all(workers.map(ready));
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  }
  // The threads must not keep the process alive; a run keeps them busy through the shared channel.
  for (const w of workers) w.unref();
  return {
    helpers,
    memory,
    start(setups) {
      setups.forEach((setup, h) => workers[h]!.postMessage(setup));
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('message', (m: unknown) => (m === 'ready' ? resolve() : reject(new Error(`replica thread failed to start: ${JSON.stringify(m)}`))));
    worker.once('error', reject);
  });
}

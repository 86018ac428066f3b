// Starts the helper threads of data-parallel training: each runs the process entry again as a replica
// thread (replica-thread.ts) over the shared wasm memory.
import type { Worker } from 'node:worker_threads';
import type { WasmMemory } from '../../engine/kernels/wasm';
import type { ReplicaThreads } from '../../engine/parallel';
import { startEntryThread } from '../worker/entry-thread';
import type { ReplicaBackend, ReplicaThreadData } from './replica-thread';
import { spinsFor } from './spins';

/**
 * Multiply-adds per step from which a second thread pays (measured on 2 idle cores with
 * scripts/bench/thread-scaling.ts, README "Speed"): an MLP of hidden 64 at batch 128 (13 M) trains 0.77× as fast
 * on two native threads, 0.98× on two wasm ones; hidden 128-64 at batch 64 (15 M) 1.16× and 1.48×.
 */
const MIN_STEP_MACS = 14e6;

/**
 * Starts `helpers` replica threads computing with `backend` over `memory`; resolves when all are ready.
 * `minStepMacs`: runs with smaller steps train on one thread (default 14 M).
 */
export async function startReplicaThreads(
  entryUrl: string,
  backend: ReplicaBackend,
  memory: WasmMemory,
  maximumMiB: number,
  helpers: number,
  minStepMacs = MIN_STEP_MACS,
): Promise<ReplicaThreads> {
  const data: ReplicaThreadData = { role: 'replica', backend, memory, maximumMiB };
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
    minStepMacs,
    get spins() {
      return spinsFor(helpers + 1);
    },
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

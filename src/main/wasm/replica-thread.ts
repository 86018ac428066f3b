// A replica thread's body: the wasm kernels over the run's shared memory, then one data-parallel run
// (the engine's runReplica) per setup message, until the thread is terminated.
import { parentPort, workerData } from 'node:worker_threads';
import type { Kernels } from '../../engine/kernels/kernels';
import { createWasmKernels, type WasmMemory, type WasmModule } from '../../engine/kernels/wasm';
import { runReplica, type ReplicaSetup } from '../../engine/parallel';
import { loadNativeAddon } from '../native/native-addon';
import { createNativeKernels } from '../native/native-kernels';

/** The kernels a replica computes with: the wasm module, or the native addon's micro-kernel `isa` (from `file`). */
export type ReplicaBackend = { readonly kind: 'wasm'; readonly module: WasmModule } | { readonly kind: 'native'; readonly isa: string; readonly file: string };

export interface ReplicaThreadData {
  readonly role: 'replica';
  readonly backend: ReplicaBackend;
  readonly memory: WasmMemory;
  readonly maximumMiB: number;
}

export function isReplicaThread(data: unknown): data is ReplicaThreadData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'replica';
}

export async function replicaThreadMain(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('replicaThreadMain must run in a worker thread');
  const data = workerData as ReplicaThreadData;
  try {
    const kernels = await replicaKernels(data);
    // runReplica blocks this thread for a whole run and never throws (failures go to the run's channel).
    port.on('message', (setup: ReplicaSetup) => runReplica(setup, kernels, data.memory));
    port.postMessage('ready');
  } catch (err) {
    port.postMessage({ error: (err as Error).message ?? String(err) });
  }
}

async function replicaKernels({ backend, memory, maximumMiB }: ReplicaThreadData): Promise<Kernels> {
  if (backend.kind === 'wasm') return createWasmKernels(backend.module, { memory, maximumMiB });
  const addon = loadNativeAddon(backend.file);
  if (typeof addon === 'string') throw new Error(addon);
  return createNativeKernels(addon, backend.isa, memory, maximumMiB);
}

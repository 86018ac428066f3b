// Test helpers for the run manager: tiny configs on the MNIST fixture, a store in a temp folder, a host that
// remembers the processes it spawned, and waiting for a condition on events.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfigInput } from '../../../shared/run-config';
import { openStore, type Store } from '../../db';
import { tempFolder, type TempFolder } from '../../db/testing/fixtures';
import { createForkHost } from '../fork-host';
import type { ProcessHost, TrainingProcess } from '../process-host';
import { RunManager, type RunManagerOptions } from '../run-manager';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TINY = path.resolve(here, '../../../../resources/fixtures/mnist-tiny');
export const FAKE_WORKER = path.join(here, 'fake-worker.ts');

/** A run of a few hundred milliseconds: 300 samples, 784–16–10, 10 steps per epoch. */
export function tinyConfig(overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: { name: 'folder', path: TINY },
    limitTrain: 300,
    limitTest: 100,
    model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 16 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
    optimizer: { type: 'momentum' },
    lr: 0.05,
    batchSize: 32,
    epochs: 2,
    seed: 1,
    ...overrides,
  };
}

/** A host that keeps every process it starts, so a test can kill one. */
export function spyHost(host: ProcessHost = createForkHost()): ProcessHost & { spawned: TrainingProcess[] } {
  const spawned: TrainingProcess[] = [];
  return {
    kind: host.kind,
    spawned,
    spawn(entry) {
      const proc = host.spawn(entry);
      spawned.push(proc);
      return proc;
    },
  };
}

export interface ManagerFixture {
  readonly temp: TempFolder;
  readonly store: Store;
  readonly host: ReturnType<typeof spyHost>;
  readonly manager: RunManager;
  /** Shuts the manager down, closes the store, removes the folder. */
  dispose(): Promise<void>;
}

/** A started manager over a fresh database in a temp folder (the folder is its data dir). */
export function managerFixture(options: RunManagerOptions = {}, host = spyHost()): ManagerFixture {
  const temp = tempFolder('nnw-runs-');
  const store = openStore(temp.file('workbench.sqlite'));
  const manager = new RunManager(store, host, { concurrency: 2, progressIntervalMs: 20, ...options });
  manager.start();
  return {
    temp,
    store,
    host,
    manager,
    async dispose() {
      await manager.shutdown();
      store.close();
      temp.remove();
    },
  };
}

/** Resolves when `check()` is true, polling every 10 ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Test helpers for the service and its front doors: a tiny run on the MNIST fixture, temp data folders, event waits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkbenchEvent, WorkbenchEventSource } from '../../../shared/api-contract';
import type { RunConfigInput } from '../../../shared/run-config';
import { databaseFile, openStore, type Store } from '../../db';

import { TINY, tinyConfig } from '../../runs/testing/manager-fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '../../../..');
/** 1000 training and 200 test images of MNIST, gzipped IDX. */
export { TINY };

/** A run of well under a second: 300 samples, 784–16–10, 10 steps per epoch, 2 epochs (the run manager's tiny config). */
export const tinyRun: (overrides?: Partial<RunConfigInput>) => RunConfigInput = tinyConfig;

export function tempDataDir(prefix = 'nnwb-wb-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the store of data folder `dir` as the app does, runs `fn` on it and closes it again (a test's look between steps). */
export function withStore<T>(dir: string, fn: (store: Store) => T): T {
  const store = openStore(databaseFile(dir));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Resolves with the first event `match` accepts (events before the call are not seen). */
export function nextEvent(source: WorkbenchEventSource, match: (e: WorkbenchEvent) => boolean, timeoutMs = 30_000): Promise<WorkbenchEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = source.subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

/** What the store holds, counted through its repositories: equal fingerprints ⇒ nothing was written. */
export function storeFingerprint(store: Store): string {
  const runs = store.runs.list();
  const perRun = runs.map((r) => [
    r.id,
    r.name,
    r.status,
    r.tags.join(','),
    r.notes.length,
    store.metrics.keys(r.id).reduce((n, k) => n + k.points, 0),
    store.artifacts.histograms(r.id).length,
    store.artifacts.snapshots(r.id).length,
    store.artifacts.weights(r.id)?.data.length ?? 0,
  ]);
  const experiments = store.experiments.list().map((e) => [e.id, e.kind, e.name, e.runCount]);
  return JSON.stringify({ perRun, experiments, tags: store.runs.allTags() });
}

// Test helpers for the store: a temporary folder of real SQLite files, a fake clock, a valid run config.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mlpSpec } from '../../../shared/model-presets';
import { parseRunConfig, type RunConfig, type RunConfigInput } from '../../../shared/run-config';
import { openStore, type Store } from '../store';

export interface TempFolder {
  readonly dir: string;
  /** A path inside the folder; each call with no name gives a new file. */
  file(name?: string): string;
  remove(): void;
}

let counter = 0;

export function tempFolder(prefix = 'nnw-db-'): TempFolder {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name ?? `db-${++counter}.sqlite`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A clock that ticks 1 s per call from 2024-01-01, so orderings by time are deterministic. */
export function fakeClock(start = Date.UTC(2024, 0, 1)): () => number {
  let t = start;
  return () => (t += 1000);
}

export function sampleConfig(overrides: Partial<RunConfigInput> = {}): RunConfig {
  return parseRunConfig({
    dataset: { name: 'mnist' },
    model: mlpSpec({ hidden: [32], activation: 'relu' }),
    optimizer: { type: 'sgd' },
    lr: 0.1,
    batchSize: 64,
    epochs: 2,
    seed: 7,
    ...overrides,
  });
}

/** A store on a fresh file in `folder`, with the fake clock. */
export function freshStore(folder: TempFolder): Store {
  return openStore(folder.file(), { now: fakeClock() });
}

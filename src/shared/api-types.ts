// What the API returns about runs, grids, datasets and the app: plain JSON-safe data, as the store holds it.
// Times are Unix milliseconds; epochs are 0-based as the engine counts them (show `epoch + 1` to people).
import type { DatasetName } from '../engine/data/registry';
import type { StopReason } from '../engine/train/metrics';
import type { GridSpec, GridValue } from './grid-spec';
import type { RunConfig } from './run-config';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'diverged', 'failed', 'cancelled', 'interrupted', 'pruned'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run never leaves. */
export const FINAL_STATUSES: readonly RunStatus[] = ['completed', 'diverged', 'failed', 'cancelled', 'interrupted', 'pruned'];

/** Loss and accuracy of each split after one epoch (validation null when the run holds none out). */
export interface EpochScores {
  readonly epoch: number;
  /** Means over the epoch's training batches, scored while the weights moved (the course report's "training accuracy"). */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /** One full pass over the training set after the epoch; null for runs recorded before it was measured. */
  readonly trainPassLoss: number | null;
  readonly trainPassAccuracy: number | null;
  readonly testLoss: number;
  readonly testAccuracy: number;
  readonly valLoss: number | null;
  readonly valAccuracy: number | null;
}

/** One row of a run's per-epoch table. */
export interface EpochRecord extends EpochScores {
  /** Global step at the end of the epoch. */
  readonly step: number;
  readonly lr: number;
  readonly trainSeconds: number;
  readonly evalSeconds: number;
  readonly samplesPerSecond: number;
  readonly elapsedSeconds: number;
}

/** A run as the runs table shows it (one row of the store's `runs` table). */
export interface RunSummary {
  readonly id: number;
  readonly name: string;
  readonly status: RunStatus;
  /** The grid this run is a cell of, if any. */
  readonly gridId: number | null;
  /** That grid's number, as people see it ("grid 2"). */
  readonly gridNumber: number | null;
  /** The run this one was re-run or forked from, if any. */
  readonly parentId: number | null;
  /** The full validated config (defaults filled). */
  readonly config: RunConfig;
  /** e.g. "MNIST", "Fashion-MNIST", "folder /data/x". */
  readonly datasetTitle: string;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** Why the run diverged, failed or was interrupted, e.g. "loss became NaN at step 312 (epoch 1): lower the learning rate". */
  readonly error: string | null;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly epochsDone: number;
  readonly epochsTotal: number;
  readonly stepsDone: number;
  /** Known once the worker has loaded the dataset. */
  readonly stepsTotal: number | null;
  /** Scores after the last finished epoch. */
  readonly final: EpochScores | null;
  /** Scores at the epoch with the best validation accuracy (test accuracy when there is no validation split). */
  readonly best: EpochScores | null;
  /** Trained here ('local') or by a remote worker ('workers'), and that worker's name once one took it. */
  readonly placement: 'local' | 'workers';
  readonly worker: string | null;
}

/** A run with everything the run page needs at first paint. */
export interface RunDetail extends RunSummary {
  readonly epochs: readonly EpochRecord[];
  /** SHA-256 of the four dataset files, as hex. */
  readonly datasetHash: string | null;
  readonly engineVersion: string;
  /** Kernel backend that trained it, e.g. "wasm-relaxed-simd". */
  readonly kernels: string | null;
  readonly stopReason: StopReason | null;
  readonly stopMessage: string | null;
  readonly paramCount: number | null;
  /** How pixels became inputs, (x/255 − mean) / std (standardized: measured on the training split); null until the data is loaded. */
  readonly normalisation: { readonly mean: number; readonly std: number } | null;
  /** Final weights are stored (predict, weights export). */
  readonly hasWeights: boolean;
  /** Epochs with stored histograms, weight snapshots and confusion matrices. */
  readonly snapshotEpochs: readonly number[];
  /** Epochs (1-based counts: 2 = after the second epoch) with an end-of-epoch checkpoint on disk: resume, extend and fork from them. */
  readonly checkpointEpochs: readonly number[];
  /** The run keeps every checkpoint (`keepCheckpoints: "all"`), not only the last and the best. */
  readonly keepsAllCheckpoints: boolean;
}

/** A grid search: its spec and where its cells stand. */
export interface GridSummary {
  readonly id: number;
  /** 1, 2, 3… in order of creation among grids (the id is shared with single runs' experiments). */
  readonly number: number;
  readonly name: string;
  readonly spec: GridSpec;
  /** The grid this one refines, if any (the report's two-stage search), and its number. */
  readonly parentGridId: number | null;
  readonly parentGridNumber: number | null;
  readonly createdAt: number;
  readonly runCount: number;
  readonly statusCounts: Readonly<Partial<Record<RunStatus, number>>>;
  /** Cell with the best `best.testAccuracy` so far. */
  readonly bestRunId: number | null;
}

/** One cell of a grid: the parameter values it was given and its run. */
export interface GridCell {
  /** Parameter path → value, e.g. { lr: 0.01, l2: 0.001 }. */
  readonly params: Readonly<Record<string, GridValue>>;
  readonly run: RunSummary;
}

export interface GridDetail extends GridSummary {
  readonly cells: readonly GridCell[];
}

export interface StartedGrid {
  readonly grid: GridSummary;
  readonly runs: readonly RunSummary[];
}

/** A dataset the user can pick, and whether it is on this machine. */
export interface DatasetListing {
  readonly name: DatasetName;
  readonly title: string;
  readonly available: boolean;
  /** What is wrong and how to fix it, when not available. */
  readonly problem: string | null;
  /** Folder holding the IDX files. */
  readonly location: string | null;
  readonly classNames: readonly string[];
  /** [channels, height, width] of one sample, when known. */
  readonly shape: readonly [number, number, number] | null;
  readonly trainSize: number | null;
  readonly testSize: number | null;
}

export interface AppInfo {
  readonly version: string;
  /** Which front door serves this client. */
  readonly mode: 'electron' | 'web' | 'cli';
  readonly dataDir: string;
  readonly cores: number;
  readonly maxConcurrentRuns: number;
  readonly kernels: string;
}

// A run as the repository takes it in and hands it out (camelCase), and its mapping from a row of RUN_SELECT.
import type { RunConfig } from '../../shared/run-config';
import type { StopReason } from '../../engine/train/metrics';
import type { RunStatus } from './run-status';

export interface Run {
  readonly id: number;
  readonly experimentId: number;
  /** The run this one re-runs or forks, while that run exists. */
  readonly parentRunId: number | null;
  readonly name: string;
  readonly status: RunStatus;
  readonly config: RunConfig;
  readonly seed: number;
  /** The dataset's registry name (`mnist`, `fashion-mnist`, `folder`); the full reference is in `config`. */
  readonly dataset: string;
  /** sha256 of the dataset files, known once the worker loaded them. */
  readonly datasetHash: string | null;
  readonly engineVersion: string | null;
  readonly kernels: string | null;
  /** Milliseconds since the Unix epoch. */
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly error: string | null;
  /** Sorted. */
  readonly tags: string[];
  readonly notes: string;
  readonly epochsDone: number;
  readonly stepsDone: number;
  /** Of the last finished epoch; null before the first one (or NaN, which SQLite stores as NULL). */
  readonly trainLoss: number | null;
  readonly trainAccuracy: number | null;
  readonly validationLoss: number | null;
  readonly validationAccuracy: number | null;
  readonly testLoss: number | null;
  readonly testAccuracy: number | null;
  readonly bestTestAccuracy: number | null;
  /** 0-based epoch of `bestTestAccuracy`. */
  readonly bestEpoch: number | null;
  /** Known once the worker has built the model and loaded the data. */
  readonly parameterCount: number | null;
  readonly stepsTotal: number | null;
  /** Why it stopped, as its worker reported; null while it trains and for a run that ended without a report (a crash). */
  readonly stopReason: StopReason | null;
  /** Where it trains: a local training process, or a remote worker through the Redis queue. */
  readonly placement: RunPlacement;
  /** The name of the remote worker training it (or that trained it); null for a local run. */
  readonly worker: string | null;
}

export type RunPlacement = 'local' | 'workers';

export interface NewRun {
  readonly config: RunConfig;
  /** Default: `config.name`, else `run <id>`. */
  readonly name?: string;
  /** Default: a new experiment of kind `run` holding just this run. */
  readonly experimentId?: number;
  /** The run this one re-runs or forks. */
  readonly parentRunId?: number;
  readonly tags?: readonly string[];
  readonly notes?: string;
}

export interface RunEnvironment {
  readonly engineVersion?: string;
  readonly kernels?: string;
  readonly datasetHash?: string;
  readonly parameterCount?: number;
  readonly stepsTotal?: number;
}

/** What one finished epoch tells the run row: its metrics become the run's latest, and maybe its best. */
export interface EpochSummary {
  /** 0-based. */
  readonly epoch: number;
  /** Global steps done when the epoch ended. */
  readonly stepsDone: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  readonly validationLoss?: number;
  readonly validationAccuracy?: number;
}

type Raw = Omit<Run, 'config' | 'tags'> & { config: string; tags: string };

export function runFromRaw(raw: unknown): Run {
  const r = raw as Raw;
  // The config was validated when the run was created; it is stored as given and not re-validated here.
  return { ...r, config: JSON.parse(r.config) as RunConfig, tags: JSON.parse(r.tags) as string[] };
}

// The store as the workbench uses it: one database connection and the repositories over it.
import { ArtifactsRepo } from './artifacts.repo';
import { CheckpointsRepo } from './checkpoints.repo';
import { ExperimentsRepo } from './experiments.repo';
import { MetricsRepo } from './metrics.repo';
import { type Db, openDatabase, type OpenOptions } from './open-database';
import { RunViewsRepo } from './run-views.repo';
import { PredictionsRepo } from './predictions.repo';
import { RunHistoryRepo } from './run-history.repo';
import { RemoteRepo } from './remote.repo';
import { RunsRepo } from './runs.repo';
import { SweepsRepo } from './sweeps.repo';

export interface Store {
  readonly db: Db;
  readonly experiments: ExperimentsRepo;
  readonly runs: RunsRepo;
  readonly metrics: MetricsRepo;
  readonly artifacts: ArtifactsRepo;
  readonly views: RunViewsRepo;
  readonly predictions: PredictionsRepo;
  /** End-of-epoch checkpoints (0006). */
  readonly checkpoints: CheckpointsRepo;
  /** Cutting a run back to a checkpoint, copying one's history, queueing it again (0006). */
  readonly history: RunHistoryRepo;
  readonly sweeps: SweepsRepo;
  readonly remote: RemoteRepo;
  /** Runs `fn` in one transaction across repositories (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface StoreOptions extends OpenOptions {
  /** The clock for created/started/finished times (ms since the Unix epoch). */
  readonly now?: () => number;
}

/**
 * Opens `file` (see openDatabase) and builds the repositories. The process that trains runs calls
 * `runs.interruptRunning()` once at start-up — and only it: a second process (a CLI `runs list` next to the
 * app) must not, or it would mark the app's live runs interrupted.
 */
export function openStore(file: string, options: StoreOptions = {}): Store {
  const db = openDatabase(file, options);
  return {
    db,
    experiments: new ExperimentsRepo(db, options),
    runs: new RunsRepo(db, options),
    metrics: new MetricsRepo(db),
    artifacts: new ArtifactsRepo(db),
    views: new RunViewsRepo(db, options),
    predictions: new PredictionsRepo(db),
    checkpoints: new CheckpointsRepo(db),
    history: new RunHistoryRepo(db, options.now),
    sweeps: new SweepsRepo(db),
    remote: new RemoteRepo(db),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}

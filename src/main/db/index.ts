// The store's public face: open it, its repositories and row types, and its errors. All SQL stays in this folder.
export { ArtifactsRepo } from './artifacts.repo';
export type {
  Confusion,
  EpochArtifacts,
  Histogram,
  HistogramInput,
  HistogramKind,
  SnapshotEncoding,
  SnapshotInfo,
  Split,
  WeightSnapshot,
} from './artifacts.repo';
export { CheckpointsRepo } from './checkpoints.repo';
export type { CheckpointRow } from './checkpoints.repo';
export { REOPENABLE, RunHistoryRepo } from './run-history.repo';
export { DATA_DIR_ENV, DATABASE_FILE_NAME, databaseFile, dataDirFromArgv, defaultDataDir, resolveDataDir } from './data-dir';
export { DatabaseTooNewError, ForeignDatabaseError, IllegalTransitionError, MigrationError, NotFoundError } from './errors';
export { ExperimentsRepo } from './experiments.repo';
export type { Experiment, ExperimentKind, NewExperiment } from './experiments.repo';
export { MetricsRepo } from './metrics.repo';
export type { MetricKey, MetricPoint, MetricSeries, SeriesOptions } from './metrics.repo';
export { openDatabase } from './open-database';
export { PredictionsRepo } from './predictions.repo';
export type { Predictions } from './predictions.repo';
export type { Db, OpenOptions } from './open-database';
export type { EpochSummary, NewRun, Run, RunEnvironment, RunPlacement } from './run';
export { RemoteRepo } from './remote.repo';
export type { RemoteAttempt } from './remote.repo';
export { RUN_ORDER_COLUMNS } from './run-query.repo';
export type { RunFilter, RunListOptions, RunOrder } from './run-query.repo';
export { canTransition, isRunStatus, isTerminal, RUN_STATUSES, TRANSITIONS } from './run-status';
export type { RunStatus } from './run-status';
export { RunViewsRepo } from './run-views.repo';
export { RunsRepo } from './runs.repo';
export { SweepsRepo } from './sweeps.repo';
export type { SweepTrialRow } from './sweeps.repo';
export { openStore } from './store';
export type { Store, StoreOptions } from './store';

// The renderer↔main API: every call (input schema → output type) and every pushed event, in one object.
// The IPC handlers, the preload bridge, the HTTP routes and the typed client are all generated from it.
import type { z } from 'zod';
import type {
  ConfusionResult,
  ExportedFile,
  HistogramSet,
  MetricPoints,
  MetricSeries,
  MisclassifiedSet,
  ParamHistory,
  Prediction,
  RunsMetrics,
  WeightImageSet,
  WeightMatrix,
} from './api-inspect-types';
import type { CallName, EventMethodName, EventName } from './api-names';
import type { ReproductionSummary } from './api-reproduction-types';
import type { SweepDetail, SweepSummary } from './api-sweep-types';
import * as s from './api-schemas';
import type { AppInfo, DatasetListing, EpochRecord, GridDetail, GridSummary, RunDetail, RunStatus, RunSummary, StartedGrid } from './api-types';
import { type RunPlacementState, setRunPlacementInput } from './api-placement';
import { gridSpecSchema } from './grid-spec';
import { deleteRunViewInput, runViewSchema, type RunView } from './run-view';
import { sweepSpecSchema } from './sweep-spec';

// One import for implementers and callers: every result type lives beside the contract.
export type * from './api-inspect-types';
export type * from './api-reproduction-types';
export type * from './api-sweep-types';
export type * from './api-types';
export type { GridSpec, GridSpecInput, GridValue } from './grid-spec';
export type { RunView, RunViewInput } from './run-view';
export type { SweepSpec, SweepSpecInput } from './sweep-spec';

/** A compile-time-only marker of a call's result or an event's payload (they come from trusted main-side code). */
export interface Returns<T> {
  readonly __type?: T;
}
const returns = <T>(): Returns<T> => ({});

export interface CallDef<S extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: S;
  readonly output: Returns<O>;
}

export const apiCalls = {
  getAppInfo: { input: s.noInput, output: returns<AppInfo>() },
  /** The named datasets and whether each is on this machine. */
  listDatasets: { input: s.noInput, output: returns<DatasetListing[]>() },
  /** Looks at a dataset (a folder the user typed) without starting anything. */
  checkDataset: { input: s.datasetRefSchema, output: returns<DatasetListing>() },

  /** Newest first. */
  listRuns: { input: s.listRunsInput, output: returns<RunSummary[]>() },
  getRun: { input: s.runRef, output: returns<RunDetail>() },
  /** Validates the config, stores the run as `queued` and puts it on the queue (here, or on workers: `placement`). */
  startRun: { input: s.startRunInput, output: returns<RunSummary>() },
  /** Cancels a queued or running run (no-op on a finished one). */
  cancelRun: { input: s.runRef, output: returns<RunSummary>() },
  /** Deletes a run and everything recorded for it (cancelling it first if it is active). */
  deleteRun: { input: s.runRef, output: returns<void>() },
  renameRun: { input: s.renameRunInput, output: returns<RunSummary>() },
  tagRun: { input: s.tagRunInput, output: returns<RunSummary>() },
  untagRun: { input: s.tagRunInput, output: returns<RunSummary>() },
  setRunNotes: { input: s.setRunNotesInput, output: returns<RunSummary>() },
  /** A new run with the same config and seed (so the same numbers). */
  rerunRun: { input: s.runRef, output: returns<RunSummary>() },
  /**
   * A new run from this run's config with `overrides` applied; with `fromEpoch`, its first epochs are the
   * parent's (copied) and it continues from the parent's checkpoint of that epoch.
   */
  forkRun: { input: s.forkRunInput, output: returns<RunSummary>() },
  /** Queues an interrupted, failed or cancelled run (same id) to continue from its last checkpoint. */
  resumeRun: { input: s.runRef, output: returns<RunSummary>() },
  /** Queues a completed run (same id) to train `epochs` more, continuing from its final checkpoint. */
  extendRun: { input: s.extendRunInput, output: returns<RunSummary>() },

  /** Expands the grid (Cartesian product, run_cap) and queues one run per cell. */
  startGrid: { input: gridSpecSchema, output: returns<StartedGrid>() },
  listGrids: { input: s.noInput, output: returns<GridSummary[]>() },
  getGrid: { input: s.gridRef, output: returns<GridDetail>() },
  /** Cancels every queued or running cell. */
  cancelGrid: { input: s.gridRef, output: returns<GridSummary>() },
  /** Where runs started from now on train: here, or on remote workers (with --redis). */
  getRunPlacement: { input: s.noInput, output: returns<RunPlacementState>() },
  /** Switches it; 'workers' is refused when this workbench has no Redis queue. */
  setRunPlacement: { input: setRunPlacementInput, output: returns<RunPlacementState>() },

  /** Validates the sweep (every config it can sample), stores it and queues its first trials; more follow as slots free up. */
  startSweep: { input: sweepSpecSchema, output: returns<SweepSummary>() },
  /** Newest first. */
  listSweeps: { input: s.noInput, output: returns<SweepSummary[]>() },
  /** Every trial with its parameters, score and best-so-far, and parameter importance. */
  getSweep: { input: s.sweepRef, output: returns<SweepDetail>() },
  /** Stops proposing trials and cancels the queued and running ones. */
  cancelSweep: { input: s.sweepRef, output: returns<SweepSummary>() },

  listMetricKeys: { input: s.runIdInput, output: returns<string[]>() },
  /** One series per key, downsampled to maxPoints; a key with no points gives an empty series. */
  getMetrics: { input: s.getMetricsInput, output: returns<MetricSeries[]>() },
  /** The same series for several runs in one call (the compare page); ids with no run are listed, not refused. */
  getRunsMetrics: { input: s.getRunsMetricsInput, output: returns<RunsMetrics>() },
  /** Per-param histograms at `epoch` (default: the last snapshot). */
  getHistograms: { input: s.runEpochInput, output: returns<HistogramSet>() },
  /** One param's histograms at every epoch that has them, in order. */
  getHistogramHistory: { input: s.getHistogramHistoryInput, output: returns<ParamHistory>() },
  getWeightImages: { input: s.getWeightImagesInput, output: returns<WeightImageSet>() },
  getWeightMatrix: { input: s.getWeightMatrixInput, output: returns<WeightMatrix>() },
  getConfusion: { input: s.getConfusionInput, output: returns<ConfusionResult>() },
  /** Test images of one confusion cell: at `epoch` when the run kept its predictions then, else with the final weights. */
  getMisclassified: { input: s.getMisclassifiedInput, output: returns<MisclassifiedSet>() },
  /** Class probabilities for a drawn image, with the final weights. */
  predict: { input: s.predictInput, output: returns<Prediction>() },

  exportRun: { input: s.exportRunInput, output: returns<ExportedFile>() },
  exportTable: { input: s.exportTableInput, output: returns<ExportedFile>() },
  exportFigure: { input: s.exportFigureInput, output: returns<ExportedFile>() },

  /** The runs table's saved views (query, columns, sort), by name. */
  listRunViews: { input: s.noInput, output: returns<RunView[]>() },
  /** Saves a view, replacing one of the same name. */
  saveRunView: { input: runViewSchema, output: returns<RunView>() },
  deleteRunView: { input: deleteRunViewInput, output: returns<void>() },

  /** Re-runs the course report's experiments through the queue and writes its report folder (one at a time). */
  startReproduction: { input: s.startReproductionInput, output: returns<ReproductionSummary>() },
  /** Newest first: the one running and every report folder in the data folder. */
  listReproductions: { input: s.noInput, output: returns<ReproductionSummary[]>() },
  /** Cancels its queued and running runs; the report is still written from what finished. */
  cancelReproduction: { input: s.reproductionRef, output: returns<ReproductionSummary>() },
  /** One file of its report folder (report.html, a figure, a table). */
  getReportFile: { input: s.getReportFileInput, output: returns<ExportedFile>() },
  /** Writes the report of one that stopped before its report (the app closed) from its finished runs. */
  writeReproductionReport: { input: s.reproductionRef, output: returns<ReproductionSummary>() },
} as const satisfies Record<CallName, CallDef>;

/** Progress of a running run: the step metrics logged since the last event (batched, a few per second). */
export interface RunProgressEvent {
  readonly runId: number;
  readonly status: RunStatus;
  readonly epoch: number;
  /** Fraction of the current epoch done, in [0, 1]. */
  readonly epochProgress: number;
  readonly stepsDone: number;
  readonly stepsTotal: number | null;
  readonly metrics: readonly MetricPoints[];
}

/** An epoch finished: its scores; histograms, weight pictures and confusion for it are now readable. */
export interface RunEpochEvent {
  readonly runId: number;
  readonly record: EpochRecord;
  readonly hasSnapshot: boolean;
}

export const apiEvents = {
  /** A run was created or changed (status, name, tags, notes, scores). */
  runUpdated: returns<RunSummary>(),
  runDeleted: returns<{ readonly id: number }>(),
  runProgress: returns<RunProgressEvent>(),
  runEpoch: returns<RunEpochEvent>(),
  /** A grid was created or one of its cells changed status. */
  gridUpdated: returns<GridSummary>(),
  /** A sweep was created, proposed a trial, scored or pruned one, or changed state. */
  sweepUpdated: returns<SweepSummary>(),
  /** A reproduction started, moved on (an experiment queued or finished, a run stopped) or ended. */
  reproductionUpdated: returns<ReproductionSummary>(),
} as const satisfies Record<EventName, Returns<unknown>>;

type Calls = typeof apiCalls;
type Events = typeof apiEvents;

/** What the main side receives: parsed, defaults filled. */
export type CallInput<K extends CallName> = z.output<Calls[K]['input']>;
/** What a caller passes: before defaults. */
export type CallArg<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = Calls[K]['output'] extends Returns<infer O> ? O : never;
export type EventPayload<E extends EventName> = Events[E] extends Returns<infer P> ? P : never;

/** The service interface: one promise-returning method per call, taking the validated input. */
export type WorkbenchApi = { [K in CallName]: (input: CallInput<K>) => Promise<CallOutput<K>> };

/** One pushed event, discriminated on `event`. */
export type WorkbenchEvent = { [E in EventName]: { readonly event: E; readonly payload: EventPayload<E> } }[EventName];

export interface WorkbenchEventSource {
  /** Calls `listener` for every event until the returned function is called. */
  subscribe(listener: (event: WorkbenchEvent) => void): () => void;
}

/** What every front door is given: the calls and the events. */
export type WorkbenchBackend = WorkbenchApi & WorkbenchEventSource;

/** The caller's view (renderer, CLI, tests): calls return promises and reject with ApiError; events are `on…`. */
export type ApiClient = {
  [K in CallName]: undefined extends CallArg<K> ? (input?: CallArg<K>) => Promise<CallOutput<K>> : (input: CallArg<K>) => Promise<CallOutput<K>>;
} & {
  [E in EventName as EventMethodName<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
};

// The one service behind every front door: opens the store, starts the run manager, and implements every call.
import type { WorkbenchBackend } from '../../shared/api-contract';
import { createCaller } from '../../shared/api-dispatch';
import type { AppInfo } from '../../shared/api-types';
import { databaseFile, openStore, type Store } from '../db';
import { removeRunCheckpoints } from '../runs/checkpoint-files';
import type { DatasetDirs } from '../datasets/locate';
import { createForkHost } from '../runs/fork-host';
import type { ProcessHost } from '../runs/process-host';
import type { RunPlacement } from '../../shared/api-placement';
import type { RemoteRuns } from '../remote/remote-runs';
import { RunManager } from '../runs/run-manager';
import type { KernelPreference } from '../wasm/load-kernels';
import { AppCalls } from './app-calls';
import { bridgeRunEvents } from './event-bridge';
import { EventHub } from './event-hub';
import { ExportCalls } from './export-calls';
import { InspectCalls } from './inspect-calls';
import { MetricCalls } from './metric-calls';
import { ModelCalls } from './model-calls';
import { ReproduceCalls } from './reproduce-calls';
import { RunCalls } from './run-calls';
import { PlacementSetting } from './placement-setting';
import { RunViews } from './run-views';
import { SweepCalls } from './sweep-calls';
import { TrainGate } from './train-gate';
import { ViewCalls } from './view-calls';

export interface WorkbenchOptions {
  /** Holds workbench.sqlite (created if needed). */
  readonly dataDir: string;
  /** Which front door serves it (reported by getAppInfo). */
  readonly mode: AppInfo['mode'];
  /** Runs training at once (default: the number of cores). */
  readonly concurrency?: number;
  /** How training processes start (default child_process.fork; Electron passes its utilityProcess host). */
  readonly processHost?: ProcessHost;
  /** Kernels for training and inference (default 'auto'). */
  readonly kernels?: KernelPreference;
  /** Threads per training run (see RunManagerOptions.threadsPerRun; default 1). */
  readonly threadsPerRun?: number;
  /** The training process entry (default: the worker from sources). */
  readonly workerEntry?: string;
  readonly inspectEvery?: number;
  readonly progressIntervalMs?: number;
  readonly cancelGraceMs?: number;
  /**
   * Open without the run manager: no lock on the data folder, nothing trains, and runs left `running`
   * stay as they are (another process may be training them). For reading next to a running app.
   */
  readonly readOnly?: boolean;
  /** Where the named datasets live, when not in their usual places (tests). */
  readonly datasetDirs?: DatasetDirs;
  readonly version?: string;
  /** The remote workers' queue (connected by the caller: see RemoteRuns.connect); owned by the workbench from here on. */
  readonly remote?: RemoteRuns;
  /** Where runs train until switched (default 'local'; 'workers' needs `remote`). */
  readonly placement?: RunPlacement;
}

export interface Workbench extends WorkbenchBackend {
  readonly dataDir: string;
  readonly store: Store;
  /** Null when read-only. */
  readonly manager: RunManager | null;
  /** Runs found `running` at start (a killed app) and marked interrupted; runs found queued and requeued. */
  readonly startup: { readonly interrupted: number; readonly requeued: readonly number[] };
  /**
   * Stops: cancels running runs (their metrics and weights so far are kept) and, unless `keepQueued`
   * (the default), queued ones too; then releases the data folder and closes the database.
   */
  close(options?: { keepQueued?: boolean }): Promise<void>;
}

/**
 * Opens the workbench on `dataDir`.
 * @throws DatabaseTooNewError / ForeignDatabaseError for a database it must not touch, and
 *   DataDirLockedError when another process trains from the folder (unless read-only).
 */
export function createWorkbench(options: WorkbenchOptions): Workbench {
  const store = openStore(databaseFile(options.dataDir));
  try {
    return assemble(store, options);
  } catch (err) {
    store.close();
    throw err;
  }
}

function assemble(store: Store, options: WorkbenchOptions): Workbench {
  const kernels = options.kernels ?? 'auto';
  const manager = options.readOnly
    ? null
    : new RunManager(store, options.processHost ?? createForkHost(), {
        concurrency: options.concurrency,
        kernels,
        threadsPerRun: options.threadsPerRun,
        workerEntry: options.workerEntry,
        dataDir: options.dataDir,
        inspectEvery: options.inspectEvery,
        progressIntervalMs: options.progressIntervalMs,
        cancelGraceMs: options.cancelGraceMs,
        remote: options.remote,
      });
  const hub = new EventHub();
  const views = new RunViews(store);
  const unbridge = manager ? bridgeRunEvents(manager.events, hub, views) : () => {};
  const startup = manager ? manager.start() : { interrupted: 0, requeued: [] };
  // A relative dataset folder is read from the data folder, by every call and by the training processes alike.
  const datasetDirs = { ...options.datasetDirs, folderBase: options.dataDir };
  const gate = new TrainGate(datasetDirs);
  const models = new ModelCalls(store, { kernels, datasetDirs });
  const runs = new RunCalls(
    store,
    manager,
    views,
    hub,
    (id) => {
      views.forget(id);
      models.forget(id);
      removeRunCheckpoints(options.dataDir, id);
    },
    gate,
    new PlacementSetting(options.remote?.where ?? null, options.placement),
  );
  const sweeps = new SweepCalls(store, manager, views, hub, gate, runs.placement);
  sweeps.runner?.start();
  const metrics = new MetricCalls(store);
  const inspect = new InspectCalls(store);
  const exports = new ExportCalls(store, views, metrics, inspect);
  const savedViews = new ViewCalls(store);
  const app = new AppCalls({
    mode: options.mode,
    dataDir: options.dataDir,
    maxConcurrentRuns: manager?.concurrency ?? 0,
    kernels,
    datasetDirs,
    version: options.version,
  });
  // The reproduction calls the workbench (declared below, called only later) as a front door does: validated.
  const reproduce = new ReproduceCalls(
    options.dataDir,
    manager,
    hub,
    createCaller(() => workbench),
    gate,
  );
  let closing: Promise<void> | null = null;
  // Every call is async for the contract; synchronous failures become rejections, never throws.
  const call =
    <I, O>(fn: (input: I) => O | Promise<O>) =>
    async (input: I): Promise<O> =>
      fn(input);

  const workbench: Workbench = {
    dataDir: options.dataDir,
    store,
    manager,
    startup,
    subscribe: (listener) => hub.subscribe(listener),
    close(closeOptions = {}) {
      closing ??= (async () => {
        try {
          await reproduce.close();
          sweeps.runner?.close();
          await manager?.shutdown({ keepQueued: closeOptions.keepQueued ?? true });
        } finally {
          unbridge();
          store.close();
        }
      })();
      return closing;
    },

    getAppInfo: call(() => app.getAppInfo()),
    listDatasets: call(() => app.listDatasets()),
    checkDataset: call((i) => app.checkDataset(i)),

    listRuns: call((i) => runs.listRuns(i)),
    getRun: call((i) => runs.getRun(i)),
    startRun: call((i) => runs.startRun(i)),
    cancelRun: call((i) => runs.cancelRun(i)),
    deleteRun: call((i) => runs.deleteRun(i)),
    renameRun: call((i) => runs.renameRun(i)),
    tagRun: call((i) => runs.tagRun(i)),
    untagRun: call((i) => runs.untagRun(i)),
    setRunNotes: call((i) => runs.setRunNotes(i)),
    rerunRun: call((i) => runs.rerunRun(i)),
    forkRun: call((i) => runs.forkRun(i)),
    resumeRun: call((i) => runs.resumeRun(i)),
    extendRun: call((i) => runs.extendRun(i)),

    startGrid: call((i) => runs.startGrid(i)),
    listGrids: call(() => runs.listGrids()),
    getGrid: call((i) => runs.getGrid(i)),
    cancelGrid: call((i) => runs.cancelGrid(i)),
    getRunPlacement: call(() => runs.placement.state()),
    setRunPlacement: call((i) => runs.placement.set(i.placement)),

    startSweep: call((i) => sweeps.startSweep(i)),
    listSweeps: call(() => sweeps.listSweeps()),
    getSweep: call((i) => sweeps.getSweep(i)),
    cancelSweep: call((i) => sweeps.cancelSweep(i)),

    listMetricKeys: call((i) => metrics.listMetricKeys(i)),
    getMetrics: call((i) => metrics.getMetrics(i)),
    getRunsMetrics: call((i) => metrics.getRunsMetrics(i)),
    getHistograms: call((i) => inspect.getHistograms(i)),
    getHistogramHistory: call((i) => inspect.getHistogramHistory(i)),
    getWeightImages: call((i) => inspect.getWeightImages(i)),
    getWeightMatrix: call((i) => inspect.getWeightMatrix(i)),
    getConfusion: call((i) => inspect.getConfusion(i)),
    getMisclassified: call((i) => models.getMisclassified(i)),
    predict: call((i) => models.predict(i)),

    exportRun: call((i) => exports.exportRun(i)),
    exportTable: call((i) => exports.exportTable(i)),
    exportFigure: call((i) => exports.exportFigure(i)),

    listRunViews: call(() => savedViews.listRunViews()),
    saveRunView: call((i) => savedViews.saveRunView(i)),
    deleteRunView: call((i) => savedViews.deleteRunView(i)),

    startReproduction: call((i) => reproduce.startReproduction(i)),
    listReproductions: call(() => reproduce.listReproductions()),
    cancelReproduction: call((i) => reproduce.cancelReproduction(i)),
    getReportFile: call((i) => reproduce.getReportFile(i)),
    writeReproductionReport: call((i) => reproduce.writeReproductionReport(i)),
  };
  return workbench;
}

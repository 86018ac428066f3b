// The run manager: a FIFO queue with a concurrency limit, one training process per run, cancel, crash and
// interruption handling. What the processes report goes into the store (see RunRecorder) and out as events.
import { availableParallelism } from 'node:os';
import type { GridSpecInput } from '../../shared/grid-spec';
import { parseRunConfig } from '../../shared/run-config';
import { IllegalTransitionError, NotFoundError, type Run, type RunPlacement, type Store } from '../db';
import { databaseFolder, type DataDirLock, lockDataDir } from './data-dir-lock';
import { createFork, createRerun } from './derived-runs';
import { sourceWorkerEntry } from './fork-host';
import type { RefineOptions } from '../../shared/grid-refine';
import { type CreatedGrid, createGridRuns, loadGrid, proposeGridRefinement } from './grid-runs';
import type { ProcessHost, TrainingProcess } from './process-host';
import { RunEvents } from './run-events';
import type { RunManagerOptions, RunSeed } from './run-manager-options';
import { RunProcess } from './run-process';
import { RunRecorder } from './run-recorder';
import { forkFromEpoch, reopenForExtend, reopenForResume, resumePoint } from './resume-runs';
import { placeRuns, requireQueue } from './placement';

export type { RunManagerOptions, RunSeed } from './run-manager-options';
export class RunManager {
  readonly events: RunEvents;
  readonly concurrency: number;
  private readonly queue: number[] = [];
  private readonly active = new Map<number, RunProcess>();
  private readonly waiters = new Map<number, ((run: Run | undefined) => void)[]>();
  private idleWaiters: (() => void)[] = [];
  private lock: DataDirLock | null = null;
  private state: 'new' | 'started' | 'closing' | 'closed' = 'new';

  constructor(
    private readonly store: Store,
    private readonly host: ProcessHost,
    private readonly options: RunManagerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? availableParallelism();
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${options.concurrency}`);
    this.events = options.events ?? new RunEvents();
  }

  /**
   * At boot, in the one process that trains from this data folder: takes `<dataDir>/workbench.lock`, marks
   * runs a stopped process left `running` as `interrupted` (their metrics stay), and queues runs still `queued`.
   * @throws DataDirLockedError when another live process owns the folder.
   */
  start(): { interrupted: number; requeued: number[] } {
    if (this.state !== 'new') throw new Error('the run manager was already started');
    const dataDir = this.options.dataDir === undefined ? databaseFolder(this.store) : this.options.dataDir;
    this.lock = dataDir === null ? null : lockDataDir(dataDir);
    let interrupted: number;
    try {
      interrupted = this.store.runs.interruptRunning();
    } catch (err) {
      this.lock?.release();
      throw err;
    }
    this.state = 'started';
    const queued = this.store.runs.list({ status: 'queued', orderBy: 'createdAt', descending: false }).filter((r) => r.placement === 'local');
    for (const run of queued) this.enqueue(run.id);
    this.options.remote?.attach(this.store, this.events, { announce: (r, changed) => this.announce(r, changed), ended: (id) => this.settle(id) }, dataDir);
    return { interrupted, requeued: queued.map((r) => r.id) };
  }

  readonly hasWorkers = (): boolean => this.options.remote !== undefined; // the workers' queue: started with --redis

  /** Puts a run created `queued` in the store on the queue (no-op if it is already queued or running here). */
  enqueue(runId: number): void {
    this.requireStarted();
    if (this.holds(runId)) return;
    const run = this.store.runs.get(runId);
    if (!run) throw new NotFoundError('run', runId);
    if (run.status !== 'queued') throw new IllegalTransitionError(runId, run.status, 'running');
    if (run.placement === 'workers') return requireQueue(this.options.remote, `run ${runId} is placed on workers`).submit(run);
    this.queue.push(runId);
    this.pump();
  }

  /** Validates `config`, stores the run `queued` and queues it. @throws ValidationError naming the field. */
  startRun(config: unknown, seed: RunSeed = {}): Run {
    this.requireStarted();
    const { placement, ...rest } = seed;
    const run = this.store.runs.create({ config: parseRunConfig(config), ...rest });
    return this.launchNew([run], placement)[0]!;
  }

  /** A new run with the same config and seed as run `id` (so the same numbers), queued. */
  rerun(id: number, placement?: RunPlacement): Run {
    this.requireStarted();
    return this.launchNew([createRerun(this.store, id)], placement)[0]!;
  }

  /** A new run from run `id`'s config with `overrides` applied (validated), queued. */
  fork(id: number, overrides: unknown, placement?: RunPlacement): Run {
    this.requireStarted();
    return this.launchNew([createFork(this.store, id, overrides)], placement)[0]!;
  }

  /** Queues an interrupted, failed or cancelled run to continue from its last checkpoint (see resume-runs). */
  resume(id: number): Run {
    return this.requeue(() => reopenForResume(this.store, this.folder(), id));
  }

  /** Queues a completed run to train `epochs` more epochs from its final checkpoint. */
  extend(id: number, epochs: number): Run {
    return this.requeue(() => reopenForExtend(this.store, this.folder(), id, epochs));
  }

  /** A new run continuing from run `id`'s checkpoint after `fromEpoch` epochs, with `overrides`, queued (on workers: from Redis). */
  forkFromEpoch(id: number, fromEpoch: number, overrides: unknown, placement?: RunPlacement): Run {
    this.requireStarted();
    return this.launchNew([forkFromEpoch(this.store, this.folder(), id, fromEpoch, overrides)], placement)[0]!;
  }

  /** Validates and expands a grid spec, stores one queued run per cell and queues them in order. */
  startGrid(spec: unknown, placement?: RunPlacement): CreatedGrid {
    this.requireStarted();
    const grid = createGridRuns(this.store, spec);
    const runs = this.launchNew(grid.runs, placement);
    this.events.emit('gridUpdated', grid.experiment);
    return { experiment: grid.experiment, runs, reused: grid.reused };
  }

  /** The finer second-stage grid around grid `gridId`'s best completed runs (see proposeGridRefinement). */
  proposeRefinement(gridId: number, options: RefineOptions & { by?: 'validation' | 'test' } = {}): GridSpecInput {
    return proposeGridRefinement(this.store, gridId, options);
  }

  /** Cancels every queued and running run of grid `gridId`; resolves once they have all stopped. */
  async cancelGrid(gridId: number): Promise<Run[]> {
    const ids = loadGrid(this.store, gridId).cells.map((c) => c.run.id);
    // Queued first, so that no cell starts in a slot a cancelled one frees.
    const order = [...ids.filter((id) => this.queue.includes(id)), ...ids.filter((id) => !this.queue.includes(id))];
    return Promise.all(order.map((id) => this.cancel(id)));
  }

  /**
   * Cancels a run: a queued one at once; a running one by asking its process to stop at the next step
   * (weights and metrics so far are kept), killing it after `cancelGraceMs`. A finished run is left as it is.
   * Resolves with the run once its process is gone. With `pruneReason` (a sweep's early termination), a running
   * run ends `pruned` with that reason instead.
   */
  async cancel(runId: number, pruneReason?: string): Promise<Run> {
    const queued = this.queue.indexOf(runId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      const run = this.setStatus(runId, 'cancelled');
      this.settle(runId);
      return run;
    }
    if (this.options.remote?.has(runId)) return Promise.all([this.waitFor(runId), this.options.remote.cancel(runId)]).then(([run]) => run);
    const active = this.active.get(runId);
    if (active) {
      const stopped = this.waitFor(runId);
      if (pruneReason === undefined) active.cancel();
      else active.prune(pruneReason);
      return stopped;
    }
    const run = this.store.runs.get(runId);
    if (!run) throw new NotFoundError('run', runId);
    // Queued in the store but never handed to this manager (e.g. before start()).
    return run.status === 'queued' ? this.setStatus(runId, 'cancelled') : run;
  }

  /** Resolves with the run once it has left this manager (finished and its process gone). */
  waitFor(runId: number): Promise<Run> {
    return new Promise((resolve, reject) => {
      const done = (run: Run | undefined) => (run ? resolve(run) : reject(new NotFoundError('run', runId)));
      if (this.holds(runId)) this.waiters.set(runId, [...(this.waiters.get(runId) ?? []), done]);
      else done(this.store.runs.get(runId));
    });
  }

  /** Resolves when nothing is queued or running (here or, while started, on workers). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.checkIdle();
    });
  }

  /** Run ids waiting for a slot, in order. */
  queuedRuns(): number[] {
    return [...this.queue];
  }

  runningRuns(): number[] {
    return [...this.active.keys()];
  }

  /**
   * Stops: cancels the queue (or, with `keepQueued`, leaves those runs `queued` for the next start) and every
   * running run, waits for their processes, and releases the data folder.
   */
  async shutdown(options: { keepQueued?: boolean } = {}): Promise<void> {
    if (this.state === 'closing' || this.state === 'closed') return this.whenIdle();
    const wasStarted = this.state === 'started';
    this.state = 'closing';
    if (wasStarted) {
      if (options.keepQueued) for (const id of this.queue.splice(0)) this.settle(id);
      else for (const id of [...this.queue]) await this.cancel(id);
      await Promise.all([...this.active.keys()].map((id) => this.cancel(id)));
    }
    await this.options.remote?.close(); // runs on workers go on training; the next start catches up on them
    this.lock?.release();
    this.state = 'closed';
    this.checkIdle();
  }

  private requireStarted(): void {
    if (this.state !== 'started') throw new Error(`the run manager is ${this.state === 'new' ? 'not started (call start() first)' : 'shutting down'}`);
  }

  private pump(): void {
    while (this.state === 'started' && this.active.size < this.concurrency && this.queue.length > 0) this.launch(this.queue.shift()!);
    this.checkIdle();
  }

  private launch(runId: number): void {
    let run: Run;
    try {
      run = this.setStatus(runId, 'running');
    } catch (err) {
      // Cancelled or deleted behind the queue's back: nothing to run.
      if (!(err instanceof IllegalTransitionError || err instanceof NotFoundError)) throw err;
      return this.settle(runId);
    }
    let proc: TrainingProcess;
    let resume: ReturnType<typeof resumePoint>;
    try {
      resume = resumePoint(this.store, this.folder(), run);
      proc = this.host.spawn(this.options.workerEntry ?? sourceWorkerEntry());
    } catch (err) {
      this.setStatus(runId, 'failed', `could not start the training process: ${err instanceof Error ? err.message : String(err)}`);
      return this.settle(runId);
    }
    const hooks = { announce: (r: Run, changed: boolean) => this.announce(r, changed), abort: () => proc.kill() };
    const recorder = new RunRecorder(this.store, this.events, run, hooks, { dataDir: this.folder(), resumedFrom: resume?.row });
    const { kernels = 'auto', threadsPerRun: threads = 1, inspectEvery, progressIntervalMs, cancelGraceMs = 5000 } = this.options;
    const child = new RunProcess(proc, recorder, { kernels, threads, inspectEvery, progressIntervalMs, cancelGraceMs, folderBase: this.folder() }, () => {
      this.active.delete(runId);
      this.settle(runId);
      this.pump();
    });
    this.active.set(runId, child);
    child.start(run, resume ? { checkpoint: resume.data, source: resume.source } : undefined);
  }

  /** The data folder (checkpoints, relative dataset folders); null for an in-memory database. */
  private folder = (): string | null => this.options.dataDir ?? databaseFolder(this.store);

  /** A reopened run back on the queue, announced as a status change. */
  private requeue(reopen: () => Run): Run {
    this.requireStarted();
    const run = reopen();
    this.announce(run, true);
    this.enqueue(run.id);
    return this.store.runs.get(run.id) ?? run;
  }

  private readonly holds = (id: number) => this.queue.includes(id) || this.active.has(id) || (this.options.remote?.has(id) ?? false);
  /** Announces runs just created and queues them; returns their rows as they are after queueing. */
  private launchNew(runs: readonly Run[], placement: RunPlacement = 'local'): Run[] {
    placeRuns(this.store, this.options.remote, runs, placement);
    // Not as status changes: a new grid is announced once, not once per cell.
    for (const run of runs) this.announce(run, false);
    for (const run of runs) this.enqueue(run.id);
    return runs.map((r) => this.store.runs.get(r.id) ?? r);
  }

  private setStatus = (runId: number, to: 'running' | 'cancelled' | 'failed', error?: string): Run =>
    this.announce(this.store.runs.setStatus(runId, to, { error }), true);

  private announce(run: Run, statusChanged: boolean): Run {
    this.events.emit('runUpdated', run);
    if (!statusChanged) return run;
    this.events.emit('gridUpdated', () => {
      const experiment = this.store.experiments.get(run.experimentId);
      return experiment?.kind === 'grid' ? experiment : undefined;
    });
    return run;
  }

  private settle(runId: number): void {
    const waiters = this.waiters.get(runId);
    if (waiters) {
      this.waiters.delete(runId);
      const run = this.store.runs.get(runId);
      for (const w of waiters) w(run);
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    const remote = this.state === 'started' && (this.options.remote?.openRuns().length ?? 0) > 0;
    if (this.queue.length > 0 || this.active.size > 0 || remote || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

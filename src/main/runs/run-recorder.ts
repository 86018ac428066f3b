// Writes what one training process reports into the store — one transaction per message — and emits the events.
import type { StopReason } from '../../engine/train/metrics';
import type { RunEpochEvent } from '../../shared/api-contract';
import type { WorkerMessage, WorkerMessageOf, WeightSnapshot } from '../../shared/worker-protocol';
import type { CheckpointRow, Run, RunStatus, Store } from '../db';
import { recordCheckpoint } from './checkpoint-keeper';
import { ENGINE_VERSION } from '../worker/weights-file';
import type { RunEvents } from './run-events';
import { epochPoints, factPoints, inspectionPoints, stepPoints, stepSeries, toEpochRecord } from './run-metrics';

/** How the process ended, as the manager saw it. */
export interface ProcessEnd {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderrTail: string;
  /** The manager had sent `cancel`. */
  readonly cancelRequested: boolean;
  /** …and, as the process did not stop in time, killed it. */
  readonly killedAfterCancel: boolean;
}

export interface RecorderHooks {
  /** A run row changed; `statusChanged` when its status did. */
  readonly announce: (run: Run, statusChanged: boolean) => void;
  /** Recording failed (disk full, the run was deleted): the process must go. */
  readonly abort: () => void;
}

export interface RecorderCheckpoints {
  /** Where checkpoint files go; null (an in-memory database): none are kept. */
  readonly dataDir: string | null;
  /** The checkpoint this run continues from, if it resumes. */
  readonly resumedFrom?: CheckpointRow;
}

export class RunRecorder {
  readonly runId: number;
  /** Wall time (ms) at which the worker's training clock read 0: set when the data is loaded. */
  private t0 = Date.now();
  private stepsTotal: number | null = null;
  private lastStep = 0;
  private terminal = false;
  /** An inspected epoch's event waits for its weight snapshot (the next message), so listeners can read both. */
  private pendingEpoch: RunEpochEvent | null = null;
  /** Set when a sweep's early termination asked the run to stop: its cancellation is recorded as `pruned`. */
  private pruneReason: string | null = null;

  constructor(
    private readonly store: Store,
    private readonly events: RunEvents,
    private readonly run: Run,
    private readonly hooks: RecorderHooks,
    private readonly checkpoints: RecorderCheckpoints = { dataDir: null },
  ) {
    this.runId = run.id;
    this.lastStep = checkpoints.resumedFrom?.step ?? 0;
  }

  /** Wall time (ms) at which the training clock read 0 (remote runs keep it, to go on after an app restart). */
  get trainingClock(): number {
    return this.t0;
  }

  /** Goes on recording a run another recorder began (a remote run after an app restart): same clock, same counts. */
  resume(state: { t0: number; lastStep: number; stepsTotal: number | null }): void {
    this.t0 = state.t0;
    this.lastStep = state.lastStep;
    this.stepsTotal = state.stepsTotal;
  }

  /** A terminal status has been written (or the run is gone): later messages are ignored. */
  get finished(): boolean {
    return this.terminal;
  }

  /** The coming stop is early termination's: the run ends `pruned` with `reason` (its metrics kept). */
  markPruned(reason: string): void {
    this.pruneReason = reason;
  }

  handle(msg: WorkerMessage): void {
    if (this.terminal) return;
    if (msg.type !== 'snapshot') this.flushEpochEvent();
    if (msg.runId !== null && msg.runId !== String(this.runId)) {
      this.finish('failed', { error: `ProtocolError: the training process of run ${this.runId} sent a message for run ${msg.runId}` });
      this.hooks.abort();
      return;
    }
    try {
      this.write(msg);
    } catch (err) {
      this.finish('failed', { error: `could not record the run: ${err instanceof Error ? err.message : String(err)}` });
      this.hooks.abort();
    }
  }

  /** The process is gone: a run without a terminal message failed (or was cancelled, if we asked). */
  exited(end: ProcessEnd): void {
    this.flushEpochEvent();
    if (this.terminal) return;
    if (end.cancelRequested) {
      this.finish('cancelled', {
        stopReason: 'cancelled',
        error: end.killedAfterCancel ? 'cancelled: the training process did not stop in time and was killed' : undefined,
      });
      return;
    }
    const how = end.signal ? `was killed by ${end.signal}` : end.code === 0 ? 'exited' : `exited with code ${end.code}`;
    const tail = end.stderrTail.trim();
    this.finish('failed', { error: `the training process ${how} before the run ended${tail ? `\n${tail}` : ''}` });
  }

  private write(msg: WorkerMessage): void {
    const { store, runId: id } = this;
    switch (msg.type) {
      case 'ready': {
        // A resumed run's training clock starts where its checkpoint's stopped.
        this.t0 = Date.now() - (this.checkpoints.resumedFrom?.elapsedSeconds ?? 0) * 1000;
        this.stepsTotal = msg.stepsPerEpoch * this.run.config.epochs;
        store.transaction(() => {
          store.runs.recordEnvironment(id, {
            engineVersion: ENGINE_VERSION,
            kernels: msg.kernels,
            datasetHash: msg.dataset.hash,
            parameterCount: msg.parameterCount,
            stepsTotal: this.stepsTotal ?? undefined,
          });
          store.metrics.append(id, factPoints(msg, this.t0));
        });
        this.announceChange();
        return;
      }
      case 'progress': {
        const last = msg.steps[msg.steps.length - 1]!;
        store.transaction(() => {
          store.metrics.append(id, stepPoints(msg.steps, this.t0));
          store.runs.setStepsDone(id, last.step);
        });
        this.lastStep = last.step;
        this.events.emit('runProgress', () => ({
          runId: id,
          status: 'running',
          epoch: last.epoch,
          epochProgress: last.epochProgress,
          stepsDone: last.step,
          stepsTotal: this.stepsTotal,
          metrics: stepSeries(msg.steps, this.t0, this.run.startedAt ?? this.t0),
        }));
        return;
      }
      case 'epoch':
        return this.writeEpoch(msg);
      case 'snapshot': {
        store.artifacts.putSnapshot(id, { epoch: msg.epoch, param: msg.weights.param, shape: msg.weights.shape, values: snapshotValues(msg.weights) });
        this.flushEpochEvent();
        return;
      }
      case 'checkpoint':
        if (this.checkpoints.dataDir !== null) recordCheckpoint(store, this.checkpoints.dataDir, this.run, msg);
        return;
      case 'done': {
        const [status, message] = doneStatus(msg);
        this.finish(status, { error: message, stopReason: msg.stopReason }, () => {
          store.artifacts.putWeights(id, msg.weights);
          store.runs.setStepsDone(id, msg.steps);
        });
        return;
      }
      case 'failed':
        this.finish('failed', { error: `${msg.error.name}: ${msg.error.message}` });
        return;
    }
  }

  private writeEpoch(msg: WorkerMessageOf<'epoch'>): void {
    const { store, runId: id } = this;
    const m = msg.metrics;
    // The worker flushes its step batch before each epoch, so the last step seen is the epoch's last.
    const step = this.lastStep;
    const wallTime = this.t0 + m.elapsedSeconds * 1000;
    const { test, validation } = msg.confusion;
    store.transaction(() => {
      store.metrics.append(id, [...epochPoints(m, step, this.t0), ...(msg.inspection ? inspectionPoints(msg.inspection, m.epoch, step, wallTime) : [])]);
      store.artifacts.putEpoch(id, {
        histograms: msg.inspection?.params.map((p) => ({ epoch: m.epoch, param: p.name, ...p.histogram, counts: Uint32Array.from(p.histogram.counts) })),
        confusion: [
          { epoch: m.epoch, split: 'test', classes: test.classes, counts: Uint32Array.from(test.counts) },
          ...(validation ? [{ epoch: m.epoch, split: 'validation' as const, classes: validation.classes, counts: Uint32Array.from(validation.counts) }] : []),
        ],
      });
      if (msg.predictions) store.predictions.put(id, { epoch: m.epoch, split: 'test', ...msg.predictions });
      store.runs.recordEpoch(id, {
        epoch: m.epoch,
        stepsDone: step,
        trainLoss: m.trainLoss,
        trainAccuracy: m.trainAccuracy,
        testLoss: m.test.loss,
        testAccuracy: m.test.accuracy,
        validationLoss: m.validation?.loss,
        validationAccuracy: m.validation?.accuracy,
      });
    });
    this.announceChange();
    const event: RunEpochEvent = { runId: id, record: toEpochRecord(m, step), hasSnapshot: msg.inspection !== undefined };
    if (event.hasSnapshot) this.pendingEpoch = event;
    else this.events.emit('runEpoch', event);
  }

  /** Writes the terminal status (after `alsoWrite`, in the same transaction) and announces it. */
  private finish(status: RunStatus, end: { error?: string; stopReason?: StopReason }, alsoWrite?: () => void): void {
    this.terminal = true;
    if (status === 'cancelled' && this.pruneReason !== null) [status, end] = ['pruned', { error: this.pruneReason, stopReason: 'cancelled' }];
    let run: Run;
    try {
      run = this.store.transaction(() => {
        alsoWrite?.();
        return this.store.runs.setStatus(this.runId, status, end);
      });
    } catch (err) {
      // Deleted, or moved on by someone else; if the writes themselves failed, still record the end.
      if (!alsoWrite) return;
      this.finish('failed', { error: `could not record the end of the run: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    this.hooks.announce(run, true);
  }

  /** The row changed but not its status (environment, scores): worth a read only if someone listens. */
  private announceChange(): void {
    if (!this.events.has('runUpdated')) return;
    const run = this.store.runs.get(this.runId);
    if (run) this.hooks.announce(run, false);
  }

  private flushEpochEvent(): void {
    const event = this.pendingEpoch;
    this.pendingEpoch = null;
    if (event) this.events.emit('runEpoch', event);
  }
}

/** The status a `done` gives: early stopping is a completed run with its message, divergence its own status. */
export function doneStatus(msg: WorkerMessageOf<'done'>): [RunStatus, string | undefined] {
  switch (msg.stopReason) {
    case 'completed':
      return ['completed', undefined];
    case 'early_stopping':
      return ['completed', msg.stopMessage];
    case 'cancelled':
      return ['cancelled', msg.stopMessage];
    case 'diverged':
      return ['diverged', msg.stopMessage];
  }
}

/**
 * The first layer's weights back as numbers, shaped as the weight itself ([units, inputs] or [F, C, kh, kw]).
 * NOTE: the worker sends them as 8-bit images (a per-image lo/hi scale), so this is their 256-level picture,
 * not the exact values; the final weights are stored exactly with the run.
 */
export function snapshotValues(w: WeightSnapshot): Float32Array {
  const per = w.height * w.width;
  const out = new Float32Array(w.count * per);
  for (let i = 0; i < w.count; i++) {
    const lo = w.lo[i]!;
    const scale = (w.hi[i]! - lo) / 255;
    for (let p = i * per; p < (i + 1) * per; p++) out[p] = lo + w.pixels[p]! * scale;
  }
  return out;
}

// One run's training process under supervision: start it, feed its messages to the recorder, stop it on cancel.
import type { KernelPreference } from '../../shared/worker-protocol';
import { resolveDatasetRef } from '../datasets/locate';
import type { Run } from '../db';
import type { TrainingProcess } from './process-host';
import type { RunRecorder } from './run-recorder';

export interface RunProcessOptions {
  readonly kernels: KernelPreference;
  readonly threads: number;
  readonly inspectEvery?: number;
  readonly progressIntervalMs?: number;
  /** How long after `cancel` before SIGTERM, and again before SIGKILL. */
  readonly cancelGraceMs: number;
  /** Where a relative dataset folder is read from (the data folder); the process is sent the absolute path. */
  readonly folderBase: string | null;
}

export class RunProcess {
  private cancelRequested = false;
  private killedAfterCancel = false;
  private readonly timers: NodeJS.Timeout[] = [];

  /** `onEnded` runs once the process is gone and the recorder has written the run's end. */
  constructor(
    private readonly proc: TrainingProcess,
    private readonly recorder: RunRecorder,
    private readonly options: RunProcessOptions,
    onEnded: () => void,
  ) {
    proc.onMessage((msg) => recorder.handle(msg));
    proc.onExit((code, signal, stderrTail) => {
      for (const t of this.timers) clearTimeout(t);
      try {
        recorder.exited({ code, signal, stderrTail, cancelRequested: this.cancelRequested, killedAfterCancel: this.killedAfterCancel });
      } finally {
        onEnded();
      }
    });
  }

  start(run: Run): void {
    const { kernels, threads, inspectEvery, progressIntervalMs, folderBase } = this.options;
    const config = folderBase === null ? run.config : { ...run.config, dataset: resolveDatasetRef(run.config.dataset, folderBase) };
    this.proc.send({ type: 'start', runId: String(run.id), config, kernels, threads, inspectEvery, progressIntervalMs });
  }

  /** Asks the run to stop at its next step (it still reports its weights); kills it if it does not in time. */
  cancel(): void {
    if (this.cancelRequested) return;
    this.cancelRequested = true;
    this.proc.send({ type: 'cancel' });
    const grace = this.options.cancelGraceMs;
    this.timers.push(
      setTimeout(() => {
        this.killedAfterCancel = true;
        this.proc.kill();
        // A process that ignores SIGTERM as well (stuck in native code) gets SIGKILL.
        this.timers.push(setTimeout(() => this.hardKill(), grace));
      }, grace),
    );
  }

  /** Stops the run like `cancel`, but it ends `pruned` with `reason` (a sweep's early termination). */
  prune(reason: string): void {
    this.recorder.markPruned(reason);
    this.cancel();
  }

  private hardKill(): void {
    const pid = this.proc.pid;
    try {
      if (pid !== undefined) process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone: its exit report is on its way.
    }
  }
}

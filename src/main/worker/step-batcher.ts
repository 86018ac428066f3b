// Collects step metrics and hands them on in batches: at 400 steps/s one message per step would cost
// more than the step itself on the receiving side (a row insert, an event to the renderer).
import type { StepMetrics } from '../../engine/train/metrics';
import type { StepRecord } from '../../shared/worker-protocol';

export interface StepBatcherOptions {
  /** Flush when the oldest buffered step is this old (default 250 ms). */
  readonly intervalMs?: number;
  /** …or when this many steps are buffered (default 1000), whichever comes first. */
  readonly maxSteps?: number;
  /** Milliseconds clock (default performance.now). */
  readonly now?: () => number;
}

export class StepBatcher {
  private buffer: StepRecord[] = [];
  private oldest = 0;
  private readonly intervalMs: number;
  private readonly maxSteps: number;
  private readonly now: () => number;

  constructor(
    private readonly emit: (steps: StepRecord[]) => void,
    options: StepBatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 250;
    this.maxSteps = options.maxSteps ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Buffers one step. NOTE: the training loop is synchronous, so no timer could fire while it runs:
   * the age check happens here, on the next step, which at any real step rate is soon enough.
   */
  push(m: StepMetrics): void {
    if (this.buffer.length === 0) this.oldest = this.now();
    // Copy the fields the protocol knows, so an engine record growing a field cannot break the schema.
    this.buffer.push({
      step: m.step,
      epoch: m.epoch,
      epochProgress: m.epochProgress,
      loss: m.loss,
      accuracy: m.accuracy,
      lr: m.lr,
      samplesPerSecond: m.samplesPerSecond,
      elapsedSeconds: m.elapsedSeconds,
    });
    if (this.buffer.length >= this.maxSteps || this.now() - this.oldest >= this.intervalMs) this.flush();
  }

  /** Emits whatever is buffered (nothing when empty); call before an epoch or the end of the run. */
  flush(): void {
    if (this.buffer.length === 0) return;
    const steps = this.buffer;
    this.buffer = [];
    this.emit(steps);
  }
}

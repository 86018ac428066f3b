// One replica of a data-parallel run: its model (over the one copy of the weights all replicas share), loss and
// optimizer, and its part of every step — forward and backward on its share, then its slice of the L2 penalty,
// of the gradient sum and of the update.
import type { Kernels } from '../kernels/kernels';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import type { Optimizer, OptimizerPart } from '../optim/optimizer';
import type { Tensor } from '../tensor';
import type { ReplicaChannel } from './channel';
import { sumRange } from './shares';

/** A Float32Array of `length` values at `byteOffset` of the memory every replica's kernels share. */
export type MemoryView = (byteOffset: number, length: number) => Float32Array;

/** One param's slice that this replica sums and updates. */
interface Slice {
  /** Each replica's gradient over the slice, replica 0's first: the sum goes into replica 0's. */
  readonly grads: Float32Array[];
  /** The weights over the slice (one copy, every replica's). */
  readonly value: Float32Array;
  readonly weight: boolean;
}

export class Replica {
  private readonly loss: SoftmaxCrossEntropy;
  private slices: Slice[] = [];
  private parts: OptimizerPart[] = [];

  constructor(
    readonly index: number,
    readonly replicas: number,
    readonly model: Sequential,
    readonly optimizer: Optimizer,
    private readonly l2: number,
    private readonly channel: ReplicaChannel,
    private readonly kernels: Kernels,
  ) {
    this.loss = new SoftmaxCrossEntropy(kernels);
    model.params().forEach((p, i) => channel.setGradOffset(index, i, p.grad.byteOffset));
  }

  /** Once every replica has published its offsets: the views of the slices this replica sums and updates. */
  attach(view: MemoryView): void {
    const params = this.model.params();
    const ranges = params.map((p) => sumRange(p.grad.length, this.replicas, this.index));
    this.slices = params.map((p, i) => {
      const [start, end] = ranges[i]!;
      const grads = Array.from({ length: this.replicas }, (_, r) => view(this.channel.gradOffset(r, i), p.grad.length).subarray(start, end));
      return { grads, value: p.value.subarray(start, end), weight: p.role === 'weight' };
    });
    this.parts = this.slices.map((s, i) => ({ index: i, at: ranges[i]![0], w: s.value, g: s.grads[0]! }));
  }

  /**
   * This replica's part of step `step`: x, labels its share of a batch of `batch` samples (maybe none).
   * Returns the batch's loss (data loss plus L2 penalty) and hits; the update is skipped, on every
   * replica alike, when that loss is not finite. Replica 0 may return before the helpers' slices of the
   * update are done: `settle` waits for them.
   */
  run(step: number, x: Tensor, labels: ArrayLike<number>, batch: number, lr: number): { loss: number; correct: number } {
    const params = this.model.params();
    if (x.shape[0]! > 0) {
      const stats = this.loss.forwardBackward(this.model.forward(x, true), labels, batch);
      this.channel.setShare(step, this.index, stats.loss, stats.correct);
      this.model.backward(this.loss.grad);
    } else {
      this.channel.setShare(step, this.index, 0, 0);
      for (const p of params) p.grad.fill(0);
    }
    this.channel.setPenalty(step, this.index, this.l2 > 0 ? this.penalty() : 0);
    this.channel.afterBackward(step, this.replicas);
    const total = this.channel.total(step, this.replicas);
    if (Number.isFinite(total.loss)) this.update(lr);
    if (this.index > 0) this.channel.updated();
    return total;
  }

  /** Replica 0: waits until the helpers' slices of step `step`'s update are in the weights. */
  settle(step: number): void {
    this.channel.awaitUpdates(step, this.replicas - 1);
  }

  /** Its share of the L2 penalty λ·Σw²: over its slices of the weights (the penalty is the shares' sum, in replica order). */
  private penalty(): number {
    let sum = 0;
    for (const s of this.slices) if (s.weight && s.value.length > 0) sum += this.kernels.sumSquares(s.value);
    return this.l2 * sum;
  }

  /**
   * Its slices of the update: the gradient summed over the replicas (into replica 0's, in replica order),
   * then the optimizer (adding L2) on the weights' slice (optimizer state shared by all).
   */
  // NOTE: a fixed order of float32 sums, so the same seed and replica count give bit-identical runs; each
  // element is updated exactly as when every replica ran the whole update.
  private update(lr: number): void {
    for (const s of this.slices) {
      const total = s.grads[0]!;
      if (total.length === 0) continue;
      for (let r = 1; r < s.grads.length; r++) this.kernels.axpy(1, s.grads[r]!, total);
    }
    this.optimizer.stepParts(lr, this.parts, this.l2);
  }
}

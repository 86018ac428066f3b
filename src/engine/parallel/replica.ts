// One replica of a data-parallel run: its model, loss and optimizer, and its part of every step —
// forward and backward on its share, its slice of the gradient sum, then the same update as every replica.
import type { Kernels } from '../kernels/kernels';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import type { Optimizer } from '../optim/optimizer';
import { addL2Grad, l2Penalty } from '../regularization/l2';
import type { Tensor } from '../tensor';
import type { ReplicaChannel } from './channel';
import { sumRange } from './shares';

/** A Float32Array of `length` values at `byteOffset` of the memory every replica's kernels share. */
export type MemoryView = (byteOffset: number, length: number) => Float32Array;

export class Replica {
  private readonly loss: SoftmaxCrossEntropy;
  /** Per param, the slice this replica sums: every replica's view of it, replica 0's first. */
  private sumSlices: Float32Array[][] = [];

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

  /** Once every replica has published its gradient offsets: the views this replica sums over. */
  attach(view: MemoryView): void {
    this.sumSlices = this.model.params().map((p, i) => {
      const [start, end] = sumRange(p.grad.length, this.replicas, this.index);
      return Array.from({ length: this.replicas }, (_, r) => view(this.channel.gradOffset(r, i), p.grad.length).subarray(start, end));
    });
  }

  /**
   * This replica's part of step `step`: x, labels its share of a batch of `batch` samples (maybe none).
   * Returns the batch's loss (data loss plus L2 penalty) and hits; the update is skipped, on every
   * replica alike, when that loss is not finite.
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
    if (this.index === 0) this.channel.setPenalty(step, this.l2 > 0 ? l2Penalty(params, this.l2, this.kernels) : 0);
    this.channel.afterBackward(step, this.replicas);
    this.sumGradients();
    this.channel.afterSum(step, this.replicas);
    const total = this.channel.total(step, this.replicas);
    if (Number.isFinite(total.loss)) {
      if (this.l2 > 0) addL2Grad(params, this.l2, this.kernels);
      this.optimizer.step(lr);
    }
    return total;
  }

  /** Σ over the replicas' weights of Σw² (float64): equal on every replica unless they drifted apart. */
  checksum(): number {
    let sum = 0;
    for (const p of this.model.params()) sum += this.kernels.sumSquares(p.value);
    return sum;
  }

  /** Its slices of every gradient: replica 0's += the others', in replica order, then copied back to each. */
  // NOTE: a fixed order of float32 sums, so the same seed and replica count give bit-identical runs.
  private sumGradients(): void {
    for (const slices of this.sumSlices) {
      const total = slices[0]!;
      if (total.length === 0) continue;
      for (let r = 1; r < slices.length; r++) this.kernels.axpy(1, slices[r]!, total);
      for (let r = 1; r < slices.length; r++) slices[r]!.set(total);
    }
  }
}

// Fused, numerically stable softmax + cross-entropy over a batch: mean loss, dL/dlogits and the hit count.
import { EngineError, ShapeError } from '../errors';
import type { Kernels } from '../kernels/kernels';
import { BatchCache } from '../layers/batch-cache';
import { expectShape, Tensor } from '../tensor';

/** Labels of a batch: class indices; may be longer than the batch (only the first N are read). */
export type Labels = ArrayLike<number>;

export interface LossStats {
  /** Mean cross-entropy over the batch (float64). */
  loss: number;
  /** Rows whose argmax (first maximum on ties) equals the label. */
  correct: number;
}

/**
 * L = −(1/M) Σᵢ log softmax(zᵢ)[yᵢ], plus the argmax hit count; when `dlogits` is given it receives
 * (softmax(z) − onehot(y)) / M. logits: [N, K], labels: N class indices in [0, K), dlogits: N·K values.
 * M is N unless these rows are one share of a batch of `batchTotal` (the losses of the shares then add up).
 * NOTE: log-sum-exp is taken after subtracting the row maximum, so no exponent exceeds 0 and huge logits
 * neither overflow nor give NaN; the loss is accumulated in float64.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Labels, dlogits: Float32Array | null, batchTotal?: number): LossStats {
  expectShape('softmaxCrossEntropy', 'logits', logits.shape, [-1, -1]);
  const [n, k] = logits.shape as [number, number];
  if (labels.length < n) throw new ShapeError(`softmaxCrossEntropy: ${n} logit rows but only ${labels.length} labels`);
  if (dlogits !== null && dlogits.length < n * k) {
    throw new ShapeError(`softmaxCrossEntropy: dlogits holds ${dlogits.length} values, needs ${n * k}`);
  }
  const z = logits.data;
  const invN = 1 / (batchTotal ?? n);
  let total = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      throw new EngineError(`softmaxCrossEntropy: label ${label} of row ${i} is not a class in [0, ${k})`);
    }
    const row = i * k;
    let max = -Infinity;
    let arg = 0;
    for (let j = 0; j < k; j++) {
      if (z[row + j]! > max) {
        max = z[row + j]!;
        arg = j;
      }
    }
    if (arg === label) correct++;
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(z[row + j]! - max);
    // −log softmax(z)[y] = log Σ e^(z − max) + max − z_y
    total += Math.log(sum) + max - z[row + label]!;
    if (dlogits !== null) {
      const scale = invN / sum;
      for (let j = 0; j < k; j++) dlogits[row + j] = Math.exp(z[row + j]! - max) * scale;
      dlogits[row + label] = dlogits[row + label]! - invN;
    }
  }
  return { loss: total * invN, correct };
}

/** The training loss object: reuses its dL/dlogits buffer per batch size (allocated by the kernels backend). */
export class SoftmaxCrossEntropy {
  private classes = -1;
  private cache: BatchCache<Tensor> | null = null;
  private last: Tensor | null = null;

  constructor(private readonly kernels: Kernels) {}

  /**
   * logits: [N, K] → mean loss and correct count; dL/dlogits ([N, K]) is left in `grad`. For one share of
   * a larger batch (data parallelism), `batchTotal` is that batch's size: loss and grad are then its share.
   */
  forwardBackward(logits: Tensor, labels: Labels, batchTotal?: number): LossStats {
    expectShape('softmaxCrossEntropy', 'logits', logits.shape, [-1, -1]);
    const [n, k] = logits.shape as [number, number];
    if (this.cache === null || k !== this.classes) {
      const kernels = this.kernels;
      this.classes = k;
      this.cache = new BatchCache((rows) => new Tensor([rows, k], kernels.alloc(rows * k)));
    }
    const grad = this.cache.get(n);
    const stats = softmaxCrossEntropy(logits, labels, grad.data, batchTotal);
    this.last = grad;
    return stats;
  }

  /** dL/dlogits: [N, K] from the last forwardBackward (a reused buffer: read it before the next call). */
  get grad(): Tensor {
    if (this.last === null) throw new EngineError('softmaxCrossEntropy: grad read before forwardBackward');
    return this.last;
  }

  /** Mean loss only (evaluation): no gradient is written. */
  lossOnly(logits: Tensor, labels: Labels): number {
    return softmaxCrossEntropy(logits, labels, null).loss;
  }
}

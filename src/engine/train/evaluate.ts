// Evaluation pass: mean loss, accuracy, the confusion matrix and each example's prediction over a whole dataset.
import { exampleSize, type Dataset } from '../data/dataset';
import type { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import { Tensor } from '../tensor';
import { addToConfusion, argmaxRow, emptyConfusion } from './confusion';
import type { Evaluation } from './metrics';

/**
 * Runs the model in inference mode over `ds` in batches of `batchSize` (data loss only, no L2).
 * `x` is a reusable input buffer of at least batchSize·C·H·W values in the model's backend memory.
 */
export function evaluate(model: Sequential, ds: Dataset, x: Float32Array, batchSize: number, loss: SoftmaxCrossEntropy): Evaluation {
  const size = exampleSize(ds);
  const k = ds.classes;
  const confusion = emptyConfusion(k);
  const predicted = new Uint8Array(ds.n);
  const confidence = new Float32Array(ds.n);
  let lossSum = 0;
  for (let start = 0; start < ds.n; start += batchSize) {
    const n = Math.min(batchSize, ds.n - start);
    x.set(ds.images.subarray(start * size, (start + n) * size));
    const labels = ds.labels.subarray(start, start + n);
    const logits = model.forward(new Tensor([n, ...ds.shape], x.subarray(0, n * size)), false);
    lossSum += loss.lossOnly(logits, labels) * n;
    addToConfusion(confusion, logits.data, labels, n);
    // The same arg-max as the matrix's, so the examples of a cell are exactly its count.
    for (let i = 0; i < n; i++) {
      const best = argmaxRow(logits.data, i * k, k);
      predicted[start + i] = best;
      confidence[start + i] = softmaxAt(logits.data, i * k, k, best);
    }
  }
  let correct = 0;
  for (let c = 0; c < ds.classes; c++) correct += confusion.counts[c * ds.classes + c]!;
  return { loss: lossSum / ds.n, accuracy: correct / ds.n, confusion, predicted, confidence };
}

/** Softmax probability of class `c` of one row of logits. NOTE: `c` is the row's maximum, so no exponent overflows. */
function softmaxAt(logits: Float32Array, offset: number, length: number, c: number): number {
  const top = logits[offset + c]!;
  let sum = 0;
  for (let j = 0; j < length; j++) sum += Math.exp(logits[offset + j]! - top);
  return 1 / sum;
}

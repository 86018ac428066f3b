// Evaluation pass: mean loss, accuracy and the confusion matrix of a model over a whole dataset.
import { exampleSize, type Dataset } from '../data/dataset';
import type { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import type { Sequential } from '../models/sequential';
import { Tensor } from '../tensor';
import { addToConfusion, emptyConfusion } from './confusion';
import type { Evaluation } from './metrics';

/**
 * Runs the model in inference mode over `ds` in batches of `batchSize` (data loss only, no L2).
 * `x` is a reusable input buffer of at least batchSize·C·H·W values in the model's backend memory.
 */
export function evaluate(model: Sequential, ds: Dataset, x: Float32Array, batchSize: number, loss: SoftmaxCrossEntropy): Evaluation {
  const size = exampleSize(ds);
  const confusion = emptyConfusion(ds.classes);
  let lossSum = 0;
  for (let start = 0; start < ds.n; start += batchSize) {
    const n = Math.min(batchSize, ds.n - start);
    x.set(ds.images.subarray(start * size, (start + n) * size));
    const labels = ds.labels.subarray(start, start + n);
    const logits = model.forward(new Tensor([n, ...ds.shape], x.subarray(0, n * size)), false);
    lossSum += loss.lossOnly(logits, labels) * n;
    addToConfusion(confusion, logits.data, labels, n);
  }
  let correct = 0;
  for (let c = 0; c < ds.classes; c++) correct += confusion.counts[c * ds.classes + c]!;
  return { loss: lossSum / ds.n, accuracy: correct / ds.n, confusion };
}

// Inference with a trained model: class probabilities of one drawn image, and predictions over a whole test set.
import { exampleSize, type Dataset, type Normalisation, SCALE_ONLY } from '../../engine/data/dataset';
import { softmax } from '../../engine/losses/softmax';
import type { Sequential } from '../../engine/models/sequential';
import { Tensor } from '../../engine/tensor';

/**
 * A width×height picture (row-major, [0, 1], 0 = background) resampled to the model's H×W by box
 * averaging (nearest when enlarging), repeated over its channels, then scaled as the run scaled its
 * inputs: (v − mean) / std. returns: [C, H, W] as the run's data would be.
 */
export function toModelInput(
  pixels: readonly number[],
  width: number,
  height: number,
  input: readonly [number, number, number],
  normalisation: Normalisation = SCALE_ONLY,
): Float32Array {
  const [c, h, w] = input;
  const plane = new Float32Array(h * w);
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * height) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * width) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / w));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) sum += pixels[yy * width + xx]!;
      plane[y * w + x] = (sum / ((y1 - y0) * (x1 - x0)) - normalisation.mean) / normalisation.std;
    }
  }
  const out = new Float32Array(c * h * w);
  for (let k = 0; k < c; k++) out.set(plane, k * h * w);
  return out;
}

const inputs = new WeakMap<Sequential, Float32Array>();

/** Softmax probabilities and the arg-max class of one input sample: [C, H, W]. */
export function predictOne(model: Sequential, sample: Float32Array): { probabilities: number[]; predicted: number } {
  let x = inputs.get(model);
  // NOTE: kernels cannot free, so each model keeps one input buffer rather than allocating per call.
  if (!x) inputs.set(model, (x = model.kernels.alloc(sample.length)));
  x.set(sample);
  const logits = model.forward(new Tensor([1, ...model.spec.input], x), false);
  const p = softmax(logits.reshape([1, logits.size]));
  const probabilities = Array.from(p.data);
  return { probabilities, predicted: argmax(probabilities) };
}

export interface DatasetPredictions {
  /** Arg-max class per example. */
  readonly predicted: Uint8Array;
  /** Probability of the predicted class per example. */
  readonly confidence: Float32Array;
}

/** Runs `model` over every example of `ds` in batches (inference mode). */
export function predictDataset(model: Sequential, ds: Dataset, batchSize = 256): DatasetPredictions {
  const size = exampleSize(ds);
  const predicted = new Uint8Array(ds.n);
  const confidence = new Float32Array(ds.n);
  const x = model.kernels.alloc(batchSize * size);
  for (let start = 0; start < ds.n; start += batchSize) {
    const n = Math.min(batchSize, ds.n - start);
    x.set(ds.images.subarray(start * size, (start + n) * size));
    const logits = model.forward(new Tensor([n, ...ds.shape], x.subarray(0, n * size)), false);
    const k = logits.size / n;
    const p = softmax(logits.reshape([n, k]));
    for (let i = 0; i < n; i++) {
      const row = Array.prototype.slice.call(p.data.subarray(i * k, (i + 1) * k)) as number[];
      const best = argmax(row);
      predicted[start + i] = best;
      confidence[start + i] = row[best]!;
    }
  }
  return { predicted, confidence };
}

/** The first channel of example `i` as 8-bit pixels, undoing the dataset's normalisation. */
export function rawImage(ds: Dataset, i: number): Uint8Array {
  const [, h, w] = ds.shape;
  const { mean, std } = ds.normalisation;
  const start = i * exampleSize(ds);
  const out = new Uint8Array(h * w);
  for (let k = 0; k < h * w; k++) out[k] = Math.max(0, Math.min(255, Math.round((ds.images[start + k]! * std + mean) * 255)));
  return out;
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

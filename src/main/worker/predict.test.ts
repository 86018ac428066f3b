// Inference with stored weights: the safetensors round trip, resampling a drawing, probabilities, test-set predictions.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../engine/data/dataset';
import { referenceKernels } from '../../engine/kernels/reference';
import { buildModel } from '../../engine/models/build';
import { Tensor } from '../../engine/tensor';
import { parseRunConfig } from '../../shared/run-config';
import { tinyConfig } from '../../shared/testing/configs';
import { predictDataset, predictOne, rawImage, toModelInput } from './predict';
import { loadStoredModel } from './stored-model';
import { saveWeights } from './weights-file';

const config = parseRunConfig(tinyConfig({ seed: 7 }));

describe('loadStoredModel', () => {
  it('rebuilds a model that computes exactly what the saved one did', () => {
    const trained = buildModel(config.model, referenceKernels, 7);
    const x = new Tensor(
      [2, 1, 28, 28],
      Float32Array.from({ length: 2 * 784 }, (_, i) => ((i * 37) % 101) / 100),
    );
    const expected = Array.from(trained.forward(x, false).data);
    const loaded = loadStoredModel(saveWeights(trained, config), config.model, referenceKernels);
    expect(Array.from(loaded.model.forward(x, false).data)).toEqual(expected);
    expect(loaded.normalisation).toEqual({ mean: 0, std: 1 });
  });

  it('refuses weights that do not fit the spec, naming the tensor', () => {
    const other = buildModel(
      { ...config.model, layers: [{ type: 'flatten' }, { type: 'linear', units: 8 }, { type: 'relu' }, { type: 'linear', units: 10 }] },
      referenceKernels,
      1,
    );
    expect(() => loadStoredModel(saveWeights(other, config), config.model, referenceKernels)).toThrow(
      /layers\.1\.weight" is \[8, 784\], the model needs \[16, 784\]/,
    );
  });
});

describe('toModelInput', () => {
  it('box-averages a larger drawing down to the model size', () => {
    // 4×4 → 2×2: each output pixel is the mean of a 2×2 block.
    const pixels = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5];
    expect(Array.from(toModelInput(pixels, 4, 4, [1, 2, 2]))).toEqual([1, 0, 0, 0.5]);
  });

  it('scales the drawing as the run scaled its inputs', () => {
    expect(Array.from(toModelInput([1, 0], 2, 1, [1, 1, 2], { mean: 0.5, std: 0.25 }))).toEqual([2, -2]);
  });

  it('repeats pixels when enlarging and fills every channel', () => {
    expect(Array.from(toModelInput([0, 1], 2, 1, [2, 1, 4]))).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });
});

describe('predictions', () => {
  const model = buildModel(config.model, referenceKernels, 3);
  const images = Float32Array.from({ length: 3 * 784 }, (_, i) => (i % 255) / 255);
  const ds: Dataset = { images, labels: Uint8Array.from([1, 2, 3]), n: 3, shape: [1, 28, 28], classes: 10, normalisation: { mean: 0, std: 1 } };

  it('gives probabilities summing to 1, the arg-max as the class', () => {
    const p = predictOne(model, images.subarray(0, 784));
    expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p.predicted).toBe(p.probabilities.indexOf(Math.max(...p.probabilities)));
  });

  it('agrees with one-at-a-time prediction over a batch', () => {
    const all = predictDataset(model, ds, 2);
    for (let i = 0; i < 3; i++) {
      const one = predictOne(model, images.subarray(i * 784, (i + 1) * 784));
      expect(all.predicted[i]).toBe(one.predicted);
      expect(all.confidence[i]).toBeCloseTo(one.probabilities[one.predicted]!, 6);
    }
  });

  it('recovers the raw 8-bit image from the normalised one', () => {
    expect(Array.from(rawImage(ds, 1).subarray(0, 3))).toEqual([784 % 255, 785 % 255, 786 % 255]);
  });
});

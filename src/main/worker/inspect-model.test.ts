// Epoch introspection: param statistics, dead ReLU units over the probe, first-layer snapshots.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../engine/data/dataset';
import { referenceKernels } from '../../engine/kernels/reference';
import { buildModel } from '../../engine/models/build';
import type { ModelSpec } from '../../engine/models/spec';
import { Rng } from '../../engine/random';
import { firstLayerSnapshot, inspectModel, makeProbe } from './inspect-model';

function noise(n: number, shape: [number, number, number]): Dataset {
  const rng = new Rng(5);
  const size = shape[0] * shape[1] * shape[2];
  const images = Float32Array.from({ length: n * size }, () => rng.uniform());
  return { images, labels: new Uint8Array(n), n, shape, classes: 2, normalisation: { mean: 0, std: 1 } };
}

const mlp: ModelSpec = { input: [1, 4, 4], layers: [{ type: 'flatten' }, { type: 'linear', units: 6 }, { type: 'relu' }, { type: 'linear', units: 2 }] };
const cnn: ModelSpec = {
  input: [1, 6, 6],
  layers: [{ type: 'conv2d', filters: 3, kernel: 3 }, { type: 'relu' }, { type: 'flatten' }, { type: 'linear', units: 2 }],
};

describe('inspectModel', () => {
  it('summarises every param with a 30-bin histogram', () => {
    const model = buildModel(mlp, referenceKernels, 1);
    const { params } = inspectModel(model, makeProbe(model, noise(10, [1, 4, 4])));
    expect(params.map((p) => p.name)).toEqual(['layers.1.weight', 'layers.1.bias', 'layers.3.weight', 'layers.3.bias']);
    const w = params[0]!;
    expect(w.shape).toEqual([6, 16]);
    expect(w.histogram.counts).toHaveLength(30);
    expect(w.histogram.counts.reduce((a, b) => a + b, 0)).toBe(96);
    expect(w.values.positiveShare).toBeGreaterThan(0.2);
    expect(w.values.positiveShare).toBeLessThan(0.8);
    expect(params[1]!.values.zeros).toBe(6); // biases start at 0
  });

  it('counts a ReLU unit that never fires as dead, per feature and per channel', () => {
    const model = buildModel(mlp, referenceKernels, 1);
    // inputs are in [0, 1): positive weights keep every unit alive but unit 2, whose are all negative
    const [w, b] = model.layers[1]!.params();
    w!.value.fill(0.1);
    w!.value.subarray(2 * 16, 3 * 16).fill(-1);
    b!.value[2] = -0.5;
    const probe = makeProbe(model, noise(300, [1, 4, 4]));
    expect(probe.shape).toEqual([256, 1, 4, 4]);
    expect(inspectModel(model, probe).deadUnits).toEqual([{ layer: 'layers.2', groupBy: 'feature', units: 6, dead: 1, samples: 256 }]);

    const conv = buildModel(cnn, referenceKernels, 1);
    const [k, kb] = conv.layers[0]!.params();
    k!.value.fill(0.1);
    k!.value.subarray(0, 9).fill(-1); // filter 0 only ever sees inputs ≥ 0
    kb!.value[0] = 0;
    const dead = inspectModel(conv, makeProbe(conv, noise(8, [1, 6, 6]))).deadUnits;
    expect(dead).toEqual([{ layer: 'layers.1', groupBy: 'channel', units: 3, dead: 1, samples: 8 }]);
  });
});

describe('firstLayerSnapshot', () => {
  it('draws a first Linear fed by the image as one picture per unit', () => {
    const model = buildModel(mlp, referenceKernels, 1);
    const s = firstLayerSnapshot(model)!;
    expect([s.param, s.layerType, s.count, s.height, s.width]).toEqual(['layers.1.weight', 'linear', 6, 4, 4]);
    expect(s.shape).toEqual([6, 16]);
    expect(s.pixels).toHaveLength(96);
    // symmetric per-image range: the largest |w| of image 0 is drawn as 0 or 255
    const first = Array.from(s.pixels.subarray(0, 16));
    expect(first.some((p) => p === 0 || p === 255)).toBe(true);
    expect(s.hi[0]).toBeCloseTo(-s.lo[0]!, 6);
  });

  it('draws conv kernels as kh×kw images, and nothing for a model without weights', () => {
    const s = firstLayerSnapshot(buildModel(cnn, referenceKernels, 1))!;
    expect([s.param, s.layerType, s.count, s.height, s.width]).toEqual(['layers.0.weight', 'conv2d', 3, 3, 3]);
    expect(firstLayerSnapshot(buildModel({ input: [1, 2, 2], layers: [{ type: 'flatten' }] }, referenceKernels, 1))).toBeNull();
  });

  it('falls back to one strip per unit when the Linear does not read the input image', () => {
    const spec: ModelSpec = { input: [1, 4, 4], layers: [{ type: 'maxpool2d', size: 2 }, { type: 'flatten' }, { type: 'linear', units: 3 }] };
    const s = firstLayerSnapshot(buildModel(spec, referenceKernels, 1))!;
    expect([s.count, s.height, s.width]).toEqual([3, 1, 4]);
  });
});

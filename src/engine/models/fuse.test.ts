// Fusion changes who does ReLU's work, never a number: fused and unfused models agree bit for bit.
import { describe, expect, it } from 'vitest';
import { createWasmKernels } from '../kernels/wasm';
import { referenceKernels } from '../kernels/reference';
import type { Kernels } from '../kernels/kernels';
import type { Layer } from '../layers/layer';
import { createLayer } from '../layers/registry';
import { SoftmaxCrossEntropy } from '../losses/softmax-cross-entropy';
import { Rng } from '../random';
import { randomTensor } from '../testing/gradcheck';
import { readKernelWasm } from '../testing/wasm-kernels';
import type { Shape } from '../tensor';
import { buildModel } from './build';
import { fuseLayers } from './fuse';
import { Sequential } from './sequential';
import type { ModelSpec } from './spec';

const spec: ModelSpec = {
  input: [2, 10, 10],
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    // A second block: its conv needs dx, routed through the first block's pooling.
    { type: 'conv2d', filters: 3, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxpool2d', size: 2 },
    { type: 'flatten' },
    { type: 'linear', units: 12 },
    { type: 'relu' },
    { type: 'linear', units: 5 },
  ],
};

/** The model as buildModel makes it, minus the fusion (same seed, same init). */
function unfused(kernels: Kernels): Sequential {
  const rng = new Rng(3);
  let shape: Shape = spec.input;
  const shapes: Shape[] = [];
  const layers: Layer[] = spec.layers.map((s, i) => {
    const layer = createLayer(s);
    shape = layer.build(shape, {
      kernels,
      rng: rng.fork(),
      init: i < spec.layers.length - 1 ? { type: 'he' } : { type: 'xavier' },
      needsInputGrad: i > 0,
      prefix: `layers.${i}`,
    });
    shapes.push(shape);
    return layer;
  });
  return new Sequential(spec, kernels, layers, shapes);
}

describe('fuseLayers', () => {
  it('fuses ReLU into the conv and linear before it and into the pool after it', () => {
    const model = buildModel(spec, referenceKernels, 3);
    expect(fuseLayers(unfused(referenceKernels).layers)).toEqual(['layers.0+layers.1+layers.2', 'layers.3+layers.4+layers.5', 'layers.7+layers.8']);
    expect(model.layers.map((l) => l.type)).toEqual(spec.layers.map((l) => l.type));
  });

  it.each([
    ['reference', async () => referenceKernels],
    ['wasm-simd', () => createWasmKernels(readKernelWasm('simd'), { maximumMiB: 64 })],
  ])('leaves outputs, loss and every gradient bit-identical (%s)', async (_name, make) => {
    const kernels = await make();
    const fused = buildModel(spec, kernels, 3);
    const plain = unfused(kernels);
    expect(fused.params().map((p) => Array.from(p.value))).toEqual(plain.params().map((p) => Array.from(p.value)));
    const x = randomTensor([6, 2, 10, 10], new Rng(9));
    const labels = [0, 1, 2, 3, 4, 0];
    const run = (model: Sequential) => {
      const loss = new SoftmaxCrossEntropy(kernels);
      const logits = [...Array.from(model.forward(x, true).data), ...Array.from(model.forward(x, false).data)];
      const value = loss.forwardBackward(model.forward(x, true), labels).loss;
      model.backward(loss.grad);
      return { logits, value, grads: model.params().map((p) => Array.from(p.grad)) };
    };
    const a = run(fused);
    const b = run(plain);
    expect(a.logits).toEqual(b.logits);
    expect(a.value).toBe(b.value);
    expect(a.grads).toEqual(b.grads);
    expect(a.grads.every((g) => g.some((v) => v !== 0))).toBe(true);
  });
});

// The engine against PyTorch, per kernel backend: forward and backward of every layer and a tiny MLP end to end.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kernels } from '../../kernels/kernels';
import type { Layer, Param } from '../../layers/layer';
import { createLayer } from '../../layers/registry';
import { SoftmaxCrossEntropy } from '../../losses/softmax-cross-entropy';
import { buildModel } from '../../models/build';
import type { LayerSpec } from '../../models/spec';
import { Rng } from '../../random';
import { expectClose, expectScalarClose, f32, loadGolden, tensorOf, type GoldenTensor } from './fixtures';

/** A case of one layer: input, upstream grad, and PyTorch's output and input grad. */
interface LayerCase {
  name: string;
  x: GoldenTensor;
  dy: GoldenTensor;
  y: GoldenTensor;
  dx: GoldenTensor;
}

interface ParamLayerCase extends LayerCase {
  weight: GoldenTensor;
  bias: GoldenTensor;
  dweight: GoldenTensor;
  dbias: GoldenTensor;
}

/** Builds `spec` for samples of x's shape minus the batch; the seed is irrelevant once weights are loaded. */
function buildLayer(spec: LayerSpec, x: GoldenTensor, kernels: Kernels): Layer {
  const layer = createLayer(spec);
  layer.build(x.shape.slice(1), { kernels, rng: new Rng(1), init: { type: 'he' }, needsInputGrad: true, prefix: 'layers.0' });
  return layer;
}

/** Copies a fixture tensor into a param after checking that the param has PyTorch's layout. */
function load(p: Param, t: GoldenTensor): void {
  expect(p.shape, `${p.name} layout`).toEqual(t.shape);
  p.value.set(f32(t));
}

/** Runs forward (training) and backward once and checks y, dx and, if any, the param grads. */
function checkLayer(layer: Layer, c: LayerCase): void {
  const y = layer.forward(tensorOf(c.x), true);
  expect(y.shape).toEqual(c.y.shape);
  expectClose(`${c.name}: y`, y.data, c.y);
  const dx = layer.backward(tensorOf(c.dy));
  expect(dx).not.toBeNull();
  expectClose(`${c.name}: dx`, dx!.data, c.dx);
}

function checkParamLayer(spec: LayerSpec, c: ParamLayerCase, kernels: Kernels): void {
  const layer = buildLayer(spec, c.x, kernels);
  const [weight, bias] = layer.params();
  load(weight!, c.weight);
  load(bias!, c.bias);
  checkLayer(layer, c);
  expectClose(`${c.name}: dweight`, weight!.grad, c.dweight);
  expectClose(`${c.name}: dbias`, bias!.grad, c.dbias);
}

/** The PyTorch fixtures of every layer and of a tiny MLP, run on each backend of `backends`. */
export function describeBackendGolden(backends: readonly { name: string; create: () => Promise<Kernels> }[]): void {
  describe.each(backends)('golden (PyTorch) with $name kernels', ({ create }) => {
    let kernels: Kernels;
    beforeAll(async () => {
      kernels = await create();
    });

    it('linear: forward, dx, dW, db', () => {
      for (const c of loadGolden<ParamLayerCase & { out_features: number }>('linear').cases) {
        checkParamLayer({ type: 'linear', units: c.out_features }, c, kernels);
      }
    });

    it('conv2d: forward, dx, dW, db (stride 1 pad 0, stride 2 pad 1)', () => {
      type ConvCase = ParamLayerCase & { filters: number; kernel: number; stride: number; padding: number };
      const file = loadGolden<ConvCase>('conv2d');
      expect(file.cases).toHaveLength(2);
      for (const c of file.cases) {
        checkParamLayer({ type: 'conv2d', filters: c.filters, kernel: c.kernel, stride: c.stride, padding: c.padding }, c, kernels);
      }
    });

    it('maxpool2d: forward and routed backward, including overlapping windows', () => {
      for (const c of loadGolden<LayerCase & { size: number; stride: number }>('maxpool2d').cases) {
        checkLayer(buildLayer({ type: 'maxpool2d', size: c.size, stride: c.stride }, c.x, kernels), c);
      }
    });

    it('activations: relu, sigmoid, tanh, leaky_relu(0.01), gelu(tanh)', () => {
      const file = loadGolden<LayerCase & { spec: LayerSpec }>('activations');
      expect(file.cases.map((c) => c.spec.type)).toEqual(['relu', 'sigmoid', 'tanh', 'leaky_relu', 'gelu']);
      for (const c of file.cases) checkLayer(buildLayer(c.spec, c.x, kernels), c);
    });

    it('tiny MLP 4-5-3: logits, loss and every param grad end to end', () => {
      interface MlpCase {
        x: GoldenTensor;
        labels: number[];
        params: Record<string, GoldenTensor>;
        logits: GoldenTensor;
        loss: number;
        grads: Record<string, GoldenTensor>;
      }
      const c = loadGolden<MlpCase>('mlp').cases[0]!;
      const layers: LayerSpec[] = [{ type: 'flatten' }, { type: 'linear', units: 5 }, { type: 'relu' }, { type: 'linear', units: 3 }];
      const model = buildModel({ input: [1, 1, 4], layers }, kernels, 7);
      // Engine layer i+1 is PyTorch's nn.Sequential index i (the engine has a flatten in front).
      const torchName = (p: Param): string => p.name.replace(/^layers\.(\d+)/, (_m, i: string) => String(Number(i) - 1));
      for (const p of model.params()) load(p, c.params[torchName(p)]!);
      const n = c.x.shape[0]!;
      const logits = model.forward(tensorOf(c.x, [n, 1, 1, 4]), true);
      expectClose('mlp logits', logits.data, c.logits);
      const loss = new SoftmaxCrossEntropy(kernels);
      expectScalarClose('mlp loss', loss.forwardBackward(logits, c.labels).loss, c.loss);
      model.backward(loss.grad);
      expect(model.params()).toHaveLength(4);
      for (const p of model.params()) expectClose(`mlp grad ${p.name}`, p.grad, c.grads[torchName(p)]!);
    });
  });
}

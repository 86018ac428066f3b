// The engine against PyTorch: forward and backward of every layer, the loss, L2, a tiny MLP and the optimizers.
import { describe, expect, it } from 'vitest';
import { referenceKernels } from './kernels/reference';
import { createWasmKernels } from './kernels/wasm';
import type { Kernels } from './kernels/kernels';
import type { Param } from './layers/layer';
import { softmaxCrossEntropy } from './losses/softmax-cross-entropy';
import { createOptimizer, type OptimizerSpec } from './optim';
import { addL2Grad, l2Penalty } from './regularization/l2';
import type { Shape } from './tensor';
import { readKernelWasm, runnableVariants } from './testing/wasm-kernels';
import { describeBackendGolden } from './testing/golden/backend-golden';
import { expectClose, expectScalarClose, f32, loadGolden, tensorOf, type GoldenTensor } from './testing/golden/fixtures';

/** Every backend must meet every fixture: the reference and each wasm variant this Node can run. */
const BACKENDS: readonly { name: string; create: () => Promise<Kernels> }[] = [
  { name: 'reference', create: () => Promise.resolve(referenceKernels) },
  ...runnableVariants().map((v) => ({ name: `wasm-${v}`, create: () => createWasmKernels(readKernelWasm(v)) })),
];

describeBackendGolden(BACKENDS);

describe('golden (PyTorch): loss, L2 and optimizers', () => {
  it('softmax cross-entropy: mean loss and dlogits, stable for logits near 1000', () => {
    interface CeCase {
      name: string;
      logits: GoldenTensor;
      labels: number[];
      loss: number;
      dlogits: GoldenTensor;
    }
    for (const c of loadGolden<CeCase>('loss').cases) {
      const dlogits = new Float32Array(c.dlogits.data.length);
      const { loss } = softmaxCrossEntropy(tensorOf(c.logits), c.labels, dlogits);
      expectScalarClose(`${c.name}: loss`, loss, c.loss);
      expectClose(`${c.name}: dlogits`, dlogits, c.dlogits);
    }
  });

  it('L2: λΣw² over weights and 2λw added to their grads, biases untouched', () => {
    interface L2Case {
      lambda: number;
      weights: GoldenTensor[];
      penalty: number;
      grads: GoldenTensor[];
    }
    const c = loadGolden<L2Case>('l2').cases[0]!;
    const param = (name: string, shape: Shape, value: Float32Array, role: Param['role']): Param => ({
      name,
      shape,
      value,
      grad: new Float32Array(value.length),
      role,
    });
    const weights = c.weights.map((w, i) => param(`w${i}`, w.shape, f32(w), 'weight'));
    const bias = param('b', [3], Float32Array.of(5, -7, 9), 'bias');
    const params = [...weights, bias];
    expectScalarClose('l2 penalty', l2Penalty(params, c.lambda), c.penalty);
    addL2Grad(params, c.lambda);
    weights.forEach((w, i) => expectClose(`l2 grad ${w.name}`, w.grad, c.grads[i]!));
    expect(Array.from(bias.grad)).toEqual([0, 0, 0]);
  });

  it('optimizers: three steps of sgd, momentum, rmsprop and adam follow PyTorch', () => {
    interface OptimCase {
      name: string;
      spec: OptimizerSpec;
      lr: number;
      w0: GoldenTensor;
      grads: GoldenTensor[];
      weights_after_step: GoldenTensor[];
    }
    const file = loadGolden<OptimCase>('optim');
    expect(file.cases.map((c) => c.spec.type)).toEqual(['sgd', 'momentum', 'rmsprop', 'adam']);
    for (const c of file.cases) {
      const w = f32(c.w0);
      const p: Param = { name: 'w', shape: c.w0.shape, value: w, grad: new Float32Array(w.length), role: 'weight' };
      const opt = createOptimizer(c.spec, [p]);
      c.grads.forEach((g, t) => {
        p.grad.set(f32(g));
        opt.step(c.lr);
        expectClose(`${c.name} after step ${t + 1}`, p.value, c.weights_after_step[t]!);
      });
    }
  });
});

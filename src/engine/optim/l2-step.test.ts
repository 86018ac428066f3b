// Optimizer.step(lr, λ), which adds the L2 gradient 2λw to the weights' grads in the update's own pass,
// against addL2Grad then step(lr): the same weights, grads and state bit for bit, biases left unregularised.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors';
import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference';
import { createWasmKernels } from '../kernels/wasm';
import type { Param } from '../layers/layer';
import { addL2Grad } from '../regularization/l2';
import { readKernelWasm, runnableVariants } from '../testing/wasm-kernels';
import { createOptimizer, type OptimizerSpec } from './index';

const specs: OptimizerSpec[] = [{ type: 'sgd' }, { type: 'momentum' }, { type: 'momentum', nesterov: true }, { type: 'rmsprop' }, { type: 'adam' }];

function params(kernels: Kernels): Param[] {
  const p = (name: string, n: number, seed: number, role: Param['role']): Param => {
    const value = kernels.alloc(n);
    value.forEach((_, i) => (value[i] = Math.sin(i * 0.7 + seed)));
    return { name, shape: [n], value, grad: kernels.alloc(n), role };
  };
  return [p('w', 37, 1, 'weight'), p('b', 5, 2, 'bias')];
}

const setGrads = (ps: Param[], step: number) => ps.forEach((p) => p.grad.forEach((_, i) => (p.grad[i] = Math.cos(i * 1.3 + step))));
const arrays = (ps: Param[]) => ps.flatMap((p) => [Array.from(p.value), Array.from(p.grad)]);

const backends: [string, () => Promise<Kernels>][] = [
  ['reference', async () => referenceKernels],
  ...runnableVariants().map((v): [string, () => Promise<Kernels>] => [`wasm ${v}`, () => createWasmKernels(readKernelWasm(v), { initialMiB: 4 })]),
];

describe.each(backends)('step(lr, λ) with %s kernels', (_name, create) => {
  it.each(specs.map((s) => [JSON.stringify(s), s] as const))('%s equals addL2Grad then step(lr), bit for bit', async (_label, spec) => {
    const kernels = await create();
    const [apart, folded] = [params(kernels), params(kernels)];
    const [a, b] = [createOptimizer(spec, apart, kernels), createOptimizer(spec, folded, kernels)];
    const before = arrays(folded);
    for (let step = 0; step < 4; step++) {
      setGrads(apart, step);
      setGrads(folded, step);
      addL2Grad(apart, 0.03, kernels);
      a.step(0.01);
      b.step(0.01, 0.03);
    }
    expect(arrays(folded)).toEqual(arrays(apart));
    expect(b.state().buffers.map((x) => Array.from(x.data))).toEqual(a.state().buffers.map((x) => Array.from(x.data)));
    expect(arrays(folded)).not.toEqual(before);
  });
});

describe('step(lr, λ)', () => {
  it('leaves biases unregularised and takes λ = 0 as no penalty', () => {
    const [ps, plain] = [params(referenceKernels), params(referenceKernels)];
    setGrads(ps, 0);
    setGrads(plain, 0);
    createOptimizer({ type: 'sgd' }, ps).step(0.5, 0.25);
    createOptimizer({ type: 'sgd' }, plain).step(0.5, 0);
    // sgd: w ← w − lr·(g + 2λw); the bias moves by lr·g alone.
    expect(Array.from(ps[1]!.value)).toEqual(Array.from(plain[1]!.value));
    expect(ps[0]!.grad[0]).toBe(Math.fround(Math.cos(0) + Math.fround(0.5 * Math.fround(Math.sin(1)))));
  });

  it('rejects a negative or non-finite λ, naming l2', () => {
    const opt = createOptimizer({ type: 'momentum' }, params(referenceKernels));
    expect(() => opt.step(0.1, -1)).toThrow(new ConfigError('l2', 'must be a finite number ≥ 0, got -1'));
    expect(() => opt.stepParts(0.1, [], Number.NaN)).toThrow(ConfigError);
  });
});

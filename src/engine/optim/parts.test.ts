// An optimizer stepped slice by slice (stepParts), as data-parallel replicas do, over one shared state (shareState).
import { describe, expect, it } from 'vitest';
import type { Param } from '../layers/layer';
import { createOptimizer, type OptimizerSpec } from './index';

const specs: OptimizerSpec[] = [{ type: 'sgd' }, { type: 'momentum' }, { type: 'momentum', nesterov: true }, { type: 'rmsprop' }, { type: 'adam' }];

function params(): Param[] {
  const p = (name: string, n: number, seed: number): Param => ({
    name,
    shape: [n],
    value: Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + seed)),
    grad: new Float32Array(n),
    role: 'weight',
  });
  return [p('a', 37, 1), p('b', 5, 2)];
}

function setGrads(ps: Param[], step: number): void {
  for (const p of ps) p.grad.forEach((_, i) => (p.grad[i] = Math.cos(i * 1.3 + step)));
}

describe.each(specs)('%j stepped in slices', (spec) => {
  it('two optimizers sharing one state, each on its slices, update every element as one whole step does', () => {
    const whole = params();
    const sliced = params();
    const one = createOptimizer(spec, whole);
    // Two "replicas" over the same values: the second shares the first's state buffers.
    const first = createOptimizer(spec, sliced);
    const second = createOptimizer(spec, sliced);
    second.shareState(first.state());
    const cut = (p: Param, from: number, to: number, index: number) => ({ index, at: from, w: p.value.subarray(from, to), g: p.grad.subarray(from, to) });
    for (let step = 0; step < 4; step++) {
      setGrads(whole, step);
      setGrads(sliced, step);
      one.step(0.01);
      first.stepParts(0.01, [cut(sliced[0]!, 0, 16, 0), cut(sliced[1]!, 0, 0, 1)]);
      second.stepParts(0.01, [cut(sliced[0]!, 16, 37, 0), cut(sliced[1]!, 0, 5, 1)]);
    }
    whole.forEach((p, i) => expect(Array.from(sliced[i]!.value)).toEqual(Array.from(p.value)));
    expect(first.stepCount).toBe(4);
    expect(second.stepCount).toBe(4);
    // The first's state (what a checkpoint saves) holds every slice's.
    const [a, b] = [one.state(), first.state()];
    expect(b.buffers.map((x) => Array.from(x.data))).toEqual(a.buffers.map((x) => Array.from(x.data)));
  });
});

describe('shareState', () => {
  it('rejects the state of another optimizer', () => {
    const adam = createOptimizer({ type: 'adam' }, params());
    expect(() => createOptimizer({ type: 'rmsprop' }, params()).shareState(adam.state())).toThrow(/rmsprop state has no buffer a\.square_avg/);
  });
});

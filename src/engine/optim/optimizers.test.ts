// Each optimizer against hand-computed steps, PyTorch's golden steps and a small quadratic; state save/restore.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Param } from '../layers/layer';
import { createOptimizer, type OptimizerSpec } from './index';

function param(name: string, value: number[], grad: number[] = value.map(() => 0)): Param {
  return { name, shape: [value.length], value: Float32Array.from(value), grad: Float32Array.from(grad), role: 'weight' };
}

/** Runs `grads.length` steps on one param with the given grad sequence; returns w after each step. */
function run(spec: OptimizerSpec, lr: number, w0: number[], grads: number[][]): number[][] {
  const p = param('w', w0);
  const opt = createOptimizer(spec, [p]);
  return grads.map((g) => {
    p.grad.set(g);
    opt.step(lr);
    return Array.from(p.value);
  });
}

function expectClose(actual: number[], expected: number[], tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!), `index ${i}: ${a} vs ${expected[i]}`).toBeLessThan(tol));
}

describe('hand-computed steps', () => {
  it('sgd: w ← w − lr·g', () => {
    const ws = run(
      { type: 'sgd' },
      0.1,
      [1, -2],
      [
        [0.5, -1],
        [0.5, -1],
      ],
    );
    expectClose(ws[0]!, [0.95, -1.9]);
    expectClose(ws[1]!, [0.9, -1.8]);
  });

  it('momentum: v ← 0.9v − 0.1g; w ← w + v, with g = 1 throughout', () => {
    // v: −0.1, −0.19, −0.271 → w: 0.9, 0.71, 0.439
    const ws = run({ type: 'momentum' }, 0.1, [1], [[1], [1], [1]]);
    expectClose(ws.flat(), [0.9, 0.71, 0.439]);
  });

  it('momentum with nesterov: w ← w + βv_new − lr·g', () => {
    // 1 − 0.09 − 0.1 = 0.81; 0.81 − 0.171 − 0.1 = 0.539; 0.539 − 0.2439 − 0.1 = 0.1951
    const ws = run({ type: 'momentum', momentum: 0.9, nesterov: true }, 0.1, [1], [[1], [1], [1]]);
    expectClose(ws.flat(), [0.81, 0.539, 0.1951]);
  });

  it('rmsprop: s ← 0.9s + 0.1g²; w ← w − lr·g/(√s + ε), with g = 2', () => {
    // s: 0.4, 0.76, 1.084 → steps 0.02/√0.4 = 0.0316228, 0.02/√0.76 = 0.0229416, 0.02/√1.084 = 0.0192095
    const ws = run({ type: 'rmsprop' }, 0.01, [1], [[2], [2], [2]]);
    expectClose(ws.flat(), [0.9683772, 0.9454357, 0.9262262]);
  });

  it('adam: bias-corrected first steps', () => {
    // t=1: m̂ = g, v̂ = g² → w = 1 − 0.1·1/(1 + 1e-8) ≈ 0.9
    // t=2 (g = −2): m = 0.09 − 0.2 = −0.11, v = 0.000999 + 0.004 = 0.004999,
    //   m̂ = −0.11/0.19 = −0.5789474, v̂ = 0.004999/0.001999 = 2.5007504 → w = 0.9 + 0.1·0.5789474/1.5813761
    const ws = run({ type: 'adam' }, 0.1, [1], [[1], [-2], [0.5]]);
    expectClose(ws.flat(), [0.9, 0.9366104, 0.9502794]);
  });

  it('adam: the first step moves every weight by lr whatever the grad scale (sign only)', () => {
    const ws = run({ type: 'adam' }, 0.01, [0, 0, 0], [[1000, -0.001, 3]]);
    expectClose(ws[0]!, [-0.01, 0.01, -0.01], 1e-7);
  });
});

interface GoldenCase {
  name: string;
  spec: OptimizerSpec;
  lr: number;
  w0: { data: number[]; shape: number[] };
  grads: { data: number[] }[];
  weights_after_step: { data: number[] }[];
}

describe('PyTorch golden steps (src/engine/testing/golden/optim.json)', () => {
  const file = join(__dirname, '..', 'testing', 'golden', 'optim.json');
  const cases = (JSON.parse(readFileSync(file, 'utf8')) as { cases: GoldenCase[] }).cases;

  it('covers all four optimizers', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(['adam', 'momentum', 'rmsprop', 'sgd']);
  });

  for (const c of cases) {
    it(`${c.name} matches torch.optim for 3 steps`, () => {
      const ws = run(
        c.spec,
        c.lr,
        c.w0.data,
        c.grads.map((g) => g.data),
      );
      ws.forEach((w, k) => expectClose(w, c.weights_after_step[k]!.data, 2e-6));
    });
  }
});

describe('convergence on f(w) = ½·Σ aᵢ(wᵢ − cᵢ)²', () => {
  const a = [1, 4, 0.5];
  const c = [3, -1, 2];
  const cases: [OptimizerSpec, number, number][] = [
    [{ type: 'sgd' }, 0.2, 200],
    [{ type: 'momentum', momentum: 0.9 }, 0.05, 300],
    [{ type: 'momentum', momentum: 0.9, nesterov: true }, 0.05, 300],
    [{ type: 'rmsprop' }, 0.01, 1000],
    [{ type: 'adam' }, 0.05, 1000],
  ];
  for (const [spec, lr, steps] of cases) {
    it(`${JSON.stringify(spec)} reaches the minimum`, () => {
      const p = param('w', [0, 0, 0]);
      const opt = createOptimizer(spec, [p]);
      for (let s = 0; s < steps; s++) {
        for (let i = 0; i < 3; i++) p.grad[i] = a[i]! * (p.value[i]! - c[i]!);
        opt.step(lr);
      }
      expectClose(Array.from(p.value), c, 1e-2);
      expect(opt.stepCount).toBe(steps);
    });
  }
});

describe('state', () => {
  it('allocates its buffers once and steps in place', () => {
    const p = param('layers.0.weight', [1, 2], [0.1, 0.2]);
    const opt = createOptimizer({ type: 'adam' }, [p]);
    const before = opt.state().buffers.map((b) => b.data);
    expect(opt.state().buffers.map((b) => b.name)).toEqual(['layers.0.weight.exp_avg', 'layers.0.weight.exp_avg_sq']);
    opt.step(0.1);
    opt.step(0.1);
    const after = opt.state().buffers.map((b) => b.data);
    after.forEach((d, i) => expect(d).toBe(before[i]));
    expect(after[0]![0]).not.toBe(0);
  });

  it('sgd has no state; momentum and rmsprop one buffer per param', () => {
    const ps = [param('a', [1]), param('b', [1, 2])];
    expect(createOptimizer({ type: 'sgd' }, ps).state().buffers).toHaveLength(0);
    expect(
      createOptimizer({ type: 'momentum' }, ps)
        .state()
        .buffers.map((b) => b.name),
    ).toEqual(['a.velocity', 'b.velocity']);
    expect(
      createOptimizer({ type: 'rmsprop' }, ps)
        .state()
        .buffers.map((b) => b.shape),
    ).toEqual([[1], [2]]);
  });

  it('loadState resumes exactly where a saved optimizer was', () => {
    const grads = [
      [0.3, -0.2],
      [0.1, 0.5],
      [-0.4, 0.2],
      [0.2, 0.2],
    ];
    const a = param('w', [1, -1]);
    const optA = createOptimizer({ type: 'adam' }, [a]);
    for (const g of grads.slice(0, 2)) {
      a.grad.set(g);
      optA.step(0.05);
    }
    const saved = optA.state();
    const b = param('w', Array.from(a.value));
    const optB = createOptimizer({ type: 'adam' }, [b]);
    optB.loadState({ step: saved.step, buffers: saved.buffers.map((x) => ({ ...x, data: x.data.slice() })) });
    for (const g of grads.slice(2)) {
      a.grad.set(g);
      b.grad.set(g);
      optA.step(0.05);
      optB.step(0.05);
    }
    expect(Array.from(b.value)).toEqual(Array.from(a.value));
    expect(optB.stepCount).toBe(4);
  });

  it('loadState rejects a state of another optimizer or size', () => {
    const opt = createOptimizer({ type: 'momentum' }, [param('w', [1, 2])]);
    const adam = createOptimizer({ type: 'adam' }, [param('w', [1, 2])]);
    expect(() => opt.loadState(adam.state())).toThrow(/no buffer w\.velocity/);
    const small = createOptimizer({ type: 'momentum' }, [param('w', [1])]);
    expect(() => opt.loadState(small.state())).toThrow(/w\.velocity has 1 values, expected 2/);
  });
});

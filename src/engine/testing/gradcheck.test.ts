import { describe, expect, it } from 'vitest';
import type { BuildContext, Layer, Param } from '../layers/layer';
import { Rng } from '../random';
import { Tensor, type Shape } from '../tensor';
import { gradcheckFunction, gradcheckLayer, randomTensor } from './gradcheck';

/** y = a·x² element-wise with a learnable scalar a; `bug` breaks its backward on purpose. */
class Square implements Layer {
  readonly type = 'square';
  private a: Param = { name: 'a', shape: [1], value: new Float32Array([1.5]), grad: new Float32Array(1), role: 'weight' };
  private x: Tensor | null = null;
  constructor(private readonly bug: 'none' | 'dx' | 'param') {}
  outputShape(s: Shape): Shape {
    return s;
  }
  build(s: Shape, _ctx: BuildContext): Shape {
    return s;
  }
  params(): readonly Param[] {
    return [this.a];
  }
  forward(x: Tensor): Tensor {
    this.x = x;
    return new Tensor(
      x.shape,
      x.data.map((v) => this.a.value[0]! * v * v),
    );
  }
  backward(dy: Tensor): Tensor {
    const x = this.x!.data;
    const a = this.a.value[0]!;
    let ga = 0;
    for (let i = 0; i < x.length; i++) ga += dy.data[i]! * x[i]! * x[i]!;
    this.a.grad[0] = this.bug === 'param' ? ga * 1.1 : ga;
    const k = this.bug === 'dx' ? 1 : 2; // the classic missing factor 2
    return new Tensor(
      dy.shape,
      dy.data.map((g, i) => g * k * a * x[i]!),
    );
  }
}

describe('gradcheckLayer', () => {
  const x = randomTensor([3, 4], new Rng(3));

  it('passes a correct backward and compares every entry', () => {
    const r = gradcheckLayer(new Square('none'), x);
    expect(r.failures).toEqual([]);
    expect(r.checked).toBe(12 + 1);
    expect(r.largest).toBeGreaterThan(0.1);
  });

  it('catches a wrong input gradient, naming the entry', () => {
    const r = gradcheckLayer(new Square('dx'), x);
    expect(r.failures.length).toBeGreaterThan(6);
    expect(r.failures[0]).toMatch(/^dx\[\d+\]: analytic .*, numeric /);
  });

  it('catches a 10% error in a parameter gradient', () => {
    const r = gradcheckLayer(new Square('param'), x);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatch(/^a\[0\]/);
  });
});

describe('gradcheckFunction', () => {
  it('checks a random subset of at most maxChecks entries and restores the values', () => {
    const v = Float32Array.from({ length: 50 }, (_, i) => i / 10);
    const before = v.slice();
    // f = Σ v³ → df/dv = 3v²
    const f = () => v.reduce((s, t) => s + t * t * t, 0);
    const r = gradcheckFunction(f, [{ name: 'v', values: v, grad: v.map((t) => 3 * t * t) }], { maxChecks: 10 });
    expect(r.checked).toBe(10);
    expect(r.failures).toEqual([]);
    expect(v).toEqual(before);
  });
});

// Optimizer spec validation: every bad hyperparameter is a ConfigError naming the field and the value.
import { describe, expect, it } from 'vitest';
import type { Param } from '../layers/layer';
import { createOptimizer, resolveOptimizerSpec, type OptimizerSpec } from './index';

function param(name: string, value: number[], grad: number[] = value.map(() => 0)): Param {
  return { name, shape: [value.length], value: Float32Array.from(value), grad: Float32Array.from(grad), role: 'weight' };
}

describe('resolveOptimizerSpec', () => {
  it('fills in the defaults', () => {
    expect(resolveOptimizerSpec({ type: 'momentum' })).toEqual({ type: 'momentum', momentum: 0.9, nesterov: false });
    expect(resolveOptimizerSpec({ type: 'rmsprop', eps: 1e-6 })).toEqual({ type: 'rmsprop', rho: 0.9, eps: 1e-6 });
    expect(resolveOptimizerSpec({ type: 'adam', beta2: 0.99 })).toEqual({ type: 'adam', beta1: 0.9, beta2: 0.99, eps: 1e-8 });
  });
});

describe('validation', () => {
  const p = [param('w', [1])];
  const bad: [unknown, RegExp][] = [
    [{ type: 'adagrad' }, /^optimizer\.type: unknown optimizer "adagrad"; known: sgd, momentum, rmsprop, adam$/],
    [{ type: 'momentum', momentum: 1 }, /^optimizer\.momentum: must be a number in \[0, 1\), got 1$/],
    [{ type: 'momentum', momentum: -0.1 }, /optimizer\.momentum: .* got -0\.1/],
    [{ type: 'momentum', momentum: Number.NaN }, /optimizer\.momentum: .* got NaN/],
    [{ type: 'momentum', nesterov: 'yes' }, /optimizer\.nesterov: must be true or false, got "yes"$/],
    [{ type: 'rmsprop', rho: 1.5 }, /optimizer\.rho: .* got 1\.5/],
    [{ type: 'rmsprop', eps: -1e-8 }, /optimizer\.eps: must be a finite number > 0, got -1e-8/],
    [{ type: 'adam', eps: 0 }, /optimizer\.eps: .* got 0/],
    [{ type: 'adam', beta2: 1 }, /optimizer\.beta2: .* got 1/],
    [{ type: 'adam', beta1: '0.9' }, /optimizer\.beta1: .* got "0\.9"$/],
    [{ type: 'sgd', momentum: 0.9 }, /^optimizer\.momentum: not a field of "sgd" \(fields: none\)$/],
    [{ type: 'adam', lr: 0.1 }, /optimizer\.lr: not a field of "adam" \(fields: beta1, beta2, eps\)/],
  ];
  for (const [spec, message] of bad) {
    it(`rejects ${JSON.stringify(spec)}`, () => {
      expect(() => createOptimizer(spec as OptimizerSpec, p)).toThrow(message);
      expect(() => createOptimizer(spec as OptimizerSpec, p)).toThrow(expect.objectContaining({ name: 'ConfigError' }));
    });
  }

  it('accepts explicit undefined as "use the default" and boundary 0', () => {
    expect(() => createOptimizer({ type: 'adam', beta1: undefined, beta2: 0 }, p)).not.toThrow();
  });

  it('rejects a negative or non-finite lr at step time', () => {
    const opt = createOptimizer({ type: 'sgd' }, p);
    expect(() => opt.step(-0.1)).toThrow(/^lr: must be a finite number >= 0, got -0\.1$/);
    expect(() => opt.step(Number.POSITIVE_INFINITY)).toThrow(/lr: .* got Infinity/);
    expect(opt.stepCount).toBe(0);
  });

  it('rejects params whose grad length differs or whose names repeat', () => {
    const odd: Param = { ...param('w', [1, 2]), grad: new Float32Array(1) };
    expect(() => createOptimizer({ type: 'sgd' }, [odd])).toThrow(/param w has 2 values but 1 grads/);
    expect(() => createOptimizer({ type: 'sgd' }, [param('w', [1]), param('w', [2])])).toThrow(/w appears twice/);
  });
});

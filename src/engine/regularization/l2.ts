// L2 weight penalty λ·Σw² over weights only, and its gradient 2λw (the course report's L = L₀ + λΣw²).
import { ConfigError } from '../errors';
import type { Kernels } from '../kernels/kernels';
import { referenceKernels } from '../kernels/reference';
import type { Param } from '../layers/layer';

/** Throws a ConfigError naming l2 unless λ is a finite number ≥ 0. */
export function checkLambda(lambda: number): void {
  if (!Number.isFinite(lambda) || lambda < 0) throw new ConfigError('l2', `must be a finite number ≥ 0, got ${lambda}`);
}

/**
 * λ·Σw² over every param with role 'weight' (accumulated in float64). Biases are not regularised:
 * shrinking them towards 0 does not limit the model's capacity and only shifts the activations.
 * Note PyTorch's `weight_decay = wd` adds wd·w to the gradient, i.e. it corresponds to λ = wd / 2.
 */
export function l2Penalty(params: readonly Param[], lambda: number, kernels: Kernels = referenceKernels): number {
  checkLambda(lambda);
  let sum = 0;
  for (const p of params) if (p.role === 'weight') sum += kernels.sumSquares(p.value);
  return lambda * sum;
}

/**
 * grad += 2λ·w for every param with role 'weight' (biases untouched); call after backward, before the step.
 * (A training step leaves this to Optimizer.step(lr, λ), which adds it in the same pass as the update.)
 */
export function addL2Grad(params: readonly Param[], lambda: number, kernels: Kernels = referenceKernels): void {
  checkLambda(lambda);
  if (lambda === 0) return;
  for (const p of params) if (p.role === 'weight') kernels.axpy(2 * lambda, p.value, p.grad);
}

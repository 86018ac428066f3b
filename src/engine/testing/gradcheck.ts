// The one finite-difference gradient check every differentiable unit's tests use (central differences).
import { referenceKernels } from '../kernels/reference';
import type { Kernels } from '../kernels/kernels';
import type { BuildContext, InitScheme, Layer } from '../layers/layer';
import { Rng } from '../random';
import { Tensor, type Shape } from '../tensor';

export interface GradcheckOptions {
  /**
   * Half-step of the central difference (default 1e-2). Values are float32, so a smaller step lets
   * rounding in the forward swamp the difference; inputs must stay further than eps from kinks
   * (ReLU at 0, max-pool ties).
   */
  eps?: number;
  /** A pair passes when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|). Defaults 1e-3, 1e-2. */
  atol?: number;
  rtol?: number;
  /** Entries checked per array, chosen at random when the array is larger (default 200). */
  maxChecks?: number;
  /** Seeds the upstream gradient and the choice of entries (default 1). */
  seed?: number;
}

export interface GradcheckReport {
  /** Number of (array, index) pairs compared. */
  checked: number;
  /** Largest error in units of the tolerance: ≤ 1 passes. */
  worst: number;
  /** Largest |numeric gradient| seen: a check over all-zero gradients proves nothing. */
  largest: number;
  /** One line per failing entry, e.g. "dx[3]: analytic 0.5, numeric 0.25". */
  failures: string[];
}

/** An array whose gradient is checked: `grad` holds the analytic dL/dvalues (a copy, not a live buffer). */
export interface GradTarget {
  readonly name: string;
  readonly values: Float32Array;
  readonly grad: Float32Array;
}

/** A BuildContext over `kernels` (reference by default) with a seeded rng, for building layers in tests. */
export function testContext(o: { seed?: number; init?: InitScheme; needsInputGrad?: boolean; prefix?: string; kernels?: Kernels } = {}): BuildContext {
  return {
    kernels: o.kernels ?? referenceKernels,
    rng: new Rng(o.seed ?? 7),
    init: o.init ?? { type: 'he' },
    needsInputGrad: o.needsInputGrad ?? true,
    prefix: o.prefix ?? 'layer',
  };
}

/** A tensor of `shape` with values uniform in [−scale, scale). */
export function randomTensor(shape: Shape, rng: Rng, scale = 1): Tensor {
  const t = new Tensor(shape);
  for (let i = 0; i < t.size; i++) t.data[i] = (2 * rng.uniform() - 1) * scale;
  return t;
}

/**
 * Compares each target's analytic gradient with (f(v + eps) − f(v − eps)) / (v⁺ − v⁻), perturbing the
 * values in place (and restoring them). f must be deterministic; it is evaluated in float64.
 * NOTE: the divisor is the perturbation actually stored in float32 (v⁺ − v⁻), not 2·eps.
 */
export function gradcheckFunction(f: () => number, targets: readonly GradTarget[], opts: GradcheckOptions = {}): GradcheckReport {
  const eps = opts.eps ?? 1e-2;
  const atol = opts.atol ?? 1e-3;
  const rtol = opts.rtol ?? 1e-2;
  const rng = new Rng((opts.seed ?? 1) + 1);
  const report: GradcheckReport = { checked: 0, worst: 0, largest: 0, failures: [] };
  for (const t of targets) {
    for (const i of pickIndices(t.values.length, opts.maxChecks ?? 200, rng)) {
      const orig = t.values[i]!;
      t.values[i] = orig + eps;
      const up = t.values[i]!;
      const fUp = f();
      t.values[i] = orig - eps;
      const down = t.values[i]!;
      const fDown = f();
      t.values[i] = orig;
      const numeric = (fUp - fDown) / (up - down);
      const analytic = t.grad[i]!;
      const err = Math.abs(analytic - numeric) / (atol + rtol * Math.max(Math.abs(analytic), Math.abs(numeric)));
      report.checked++;
      report.largest = Math.max(report.largest, Math.abs(numeric));
      if (!(err <= 1)) report.failures.push(`${t.name}[${i}]: analytic ${analytic.toPrecision(6)}, numeric ${numeric.toPrecision(6)}`);
      if (!(err <= report.worst)) report.worst = err;
    }
  }
  return report;
}

/**
 * Checks `layer.backward` (already built) at input x: [N, ...inputShape] for the scalar loss Σ y·g with a
 * random upstream gradient g. Checks dL/dx when backward returns one, and dL/dp for every param.
 * Forwards run in training mode, so the layer must be deterministic there (not dropout).
 */
export function gradcheckLayer(layer: Layer, x: Tensor, opts: GradcheckOptions = {}): GradcheckReport {
  const rng = new Rng(opts.seed ?? 1);
  const y = layer.forward(x, true);
  const g = randomTensor(y.shape, rng);
  const dx = layer.backward(g);
  // Copies: the layer reuses its buffers on every forward below.
  const targets: GradTarget[] = layer.params().map((p) => ({ name: p.name, values: p.value, grad: p.grad.slice() }));
  if (dx !== null) targets.unshift({ name: 'dx', values: x.data, grad: dx.data.slice() });
  const loss = (): number => {
    const out = layer.forward(x, true).data;
    let sum = 0;
    for (let i = 0; i < out.length; i++) sum += out[i]! * g.data[i]!;
    return sum;
  };
  return gradcheckFunction(loss, targets, opts);
}

/** All indices below n, or `max` distinct ones chosen at random. */
function pickIndices(n: number, max: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  const idx = Uint32Array.from(all);
  rng.shuffle(idx);
  return Array.from(idx.subarray(0, max)).sort((a, b) => a - b);
}

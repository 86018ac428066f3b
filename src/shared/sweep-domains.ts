// What each sweep parameter may take, as a sampler sees it: a constant, a list of choices, or a numeric range.
// One reading of the spec's parameter forms, shared by validation (its corners) and the samplers (their draws).
import type { GridValue } from './grid-expand';

export const SWEEP_DISTRIBUTIONS = ['uniform', 'log_uniform_values', 'int_uniform', 'q_uniform', 'categorical'] as const;
export type SweepDistribution = (typeof SWEEP_DISTRIBUTIONS)[number];

/** The fields a parameter may have (the schema has checked which combinations are allowed). */
export interface SweepParameterSource {
  readonly values?: readonly GridValue[] | undefined;
  readonly value?: GridValue | undefined;
  readonly distribution?: SweepDistribution | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly q?: number | undefined;
  readonly count?: number | undefined;
  readonly log?: boolean | undefined;
  readonly integer?: boolean | undefined;
}

export type Domain =
  | { readonly kind: 'constant'; readonly value: GridValue }
  | { readonly kind: 'categorical'; readonly choices: readonly GridValue[] }
  /** `q`: only multiples of q (q_uniform); `log`: sampled uniformly in log space. */
  | { readonly kind: 'float'; readonly low: number; readonly high: number; readonly log: boolean; readonly q?: number }
  | { readonly kind: 'int'; readonly low: number; readonly high: number; readonly log: boolean };

/**
 * The domain of a random/bayes parameter. `{min, max}` without a distribution is `int_uniform` when both ends are
 * integers and `uniform` otherwise (as W&B reads it); `log: true` makes it log-uniform.
 */
export function domainOf(p: SweepParameterSource): Domain {
  if (p.value !== undefined) return { kind: 'constant', value: p.value };
  if (p.values !== undefined) return p.values.length === 1 ? { kind: 'constant', value: p.values[0]! } : { kind: 'categorical', choices: p.values };
  const low = p.min ?? 0;
  const high = p.max ?? 0;
  const log = p.log === true;
  switch (p.distribution) {
    case 'uniform':
      return { kind: 'float', low, high, log };
    case 'log_uniform_values':
      return { kind: 'float', low, high, log: true };
    case 'int_uniform':
      return { kind: 'int', low, high, log };
    case 'q_uniform':
      return { kind: 'float', low, high, log: false, q: p.q ?? 1 };
    case 'categorical':
      return { kind: 'categorical', choices: p.values ?? [] };
    case undefined:
      return Number.isInteger(low) && Number.isInteger(high) && p.integer !== false ? { kind: 'int', low, high, log } : { kind: 'float', low, high, log };
  }
}

/** The smallest and largest value a q_uniform range can give (multiples of q inside [low, high]); null when none. */
export function qBounds(low: number, high: number, q: number): [number, number] | null {
  const lo = Math.ceil(low / q - 1e-9);
  const hi = Math.floor(high / q + 1e-9);
  return lo > hi ? null : [roundQ(lo * q, q), roundQ(hi * q, q)];
}

/** k·q without float noise (0.1·3 is 0.30000000000000004). */
export function roundQ(v: number, q: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(q)) + 2);
  return Number(v.toFixed(Math.min(decimals, 15)));
}

/**
 * The values that bound what a domain can produce: every choice, or both ends of a range. Checking each as a
 * config checks the whole range for the config rules, which are bounds (lr > 0, units >= 1…).
 */
export function domainCorners(d: Domain): GridValue[] {
  switch (d.kind) {
    case 'constant':
      return [d.value];
    case 'categorical':
      return [...d.choices];
    case 'int':
      return [d.low, d.high];
    case 'float':
      return d.q === undefined ? [d.low, d.high] : (qBounds(d.low, d.high, d.q) ?? [d.low, d.high]);
  }
}

/** A domain's value as a point in the sampler's space: the log of a log range, the choice's index. */
export function toInternal(d: Domain, v: GridValue): number {
  if (d.kind === 'categorical') return Math.max(0, d.choices.findIndex((c) => JSON.stringify(c) === JSON.stringify(v)));
  if (d.kind === 'constant') return 0;
  return d.log ? Math.log(v as number) : (v as number);
}

// Random search: every parameter drawn independently from its domain, from a stream seeded by the trial.
import type { GridValue } from '../../shared/grid-expand';
import { type Domain, qBounds, roundQ } from '../../shared/sweep-domains';
import { type Rng, trialRng } from './rng';

/** One draw from a domain: uniform in a range (in log space for a log range), or one of the choices. */
export function sampleDomain(d: Domain, rng: Rng): GridValue {
  switch (d.kind) {
    case 'constant':
      return d.value;
    case 'categorical':
      return d.choices[Math.min(d.choices.length - 1, Math.floor(rng.next() * d.choices.length))]!;
    case 'int': {
      // Each integer equally likely: draw in [low - 0.5, high + 0.5) (its log for a log range) and round.
      const [lo, hi] = d.log ? [Math.log(d.low - 0.5 > 0 ? d.low - 0.5 : d.low), Math.log(d.high + 0.5)] : [d.low - 0.5, d.high + 0.5];
      const x = lo + rng.next() * (hi - lo);
      return fromInternal(d, d.log ? Math.exp(x) : x);
    }
    case 'float': {
      const u = rng.next();
      const x = d.log ? Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low))) : d.low + u * (d.high - d.low);
      return fromInternal(d, x);
    }
  }
}

/** A raw number snapped into the domain: rounded for an int, to a multiple of q, clamped to the bounds. */
export function fromInternal(d: Domain & { kind: 'int' | 'float' }, x: number): number {
  if (d.kind === 'int') return Math.min(d.high, Math.max(d.low, Math.round(x)));
  if (d.q !== undefined) {
    const [lo, hi] = qBounds(d.low, d.high, d.q) ?? [d.low, d.high];
    return Math.min(hi, Math.max(lo, roundQ(Math.round(x / d.q) * d.q, d.q)));
  }
  // NOTE: exp(log(x)) can land a hair outside [low, high]; the config's bounds were checked at the ends.
  return Math.min(d.high, Math.max(d.low, x));
}

/** Trial `number`'s parameters: the same sweep seed and number always give the same values. */
export function randomParams(domains: Readonly<Record<string, Domain>>, seed: number, number: number): Record<string, GridValue> {
  const rng = trialRng(seed, number, 1);
  const out: Record<string, GridValue> = {};
  for (const [k, d] of Object.entries(domains)) out[k] = sampleDomain(d, rng);
  return out;
}

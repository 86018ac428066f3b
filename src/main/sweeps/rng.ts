// A small seeded random source for the samplers (this room may not use the engine's): one stream per
// (sweep seed, trial number, purpose), so a trial's draws never depend on how many draws came before it.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** splitmix32 of the three words: a well-mixed 32-bit seed for each stream. */
function mixSeed(seed: number, trial: number, salt: number): number {
  let h = 0x9e3779b9 ^ seed;
  for (const w of [trial, salt]) {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ w;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: fast, 32-bit state, good enough for sampling hyperparameters (not for cryptography). */
export function trialRng(seed: number, trial: number, salt = 0): Rng {
  let a = mixSeed(seed, trial, salt);
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** An index drawn with probability proportional to `weights` (which sum to > 0). */
export function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

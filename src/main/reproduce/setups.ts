// The two readings of what the report leaves unsaid — its setup and the modern one — and the factors they differ in.
import type { InitSpec } from '../../engine/models/spec';
import type { NormalizeSpec, RunConfig } from '../../shared/run-config';

/** The three choices the report never names: how weights start, how pixels are scaled, how its decay moves. */
export interface Setup {
  /** `model.init`; absent: auto (He before a ReLU, Xavier otherwise). */
  readonly init?: InitSpec;
  readonly normalize: NormalizeSpec;
  /** `schedule.per` of the inverse-time decay. */
  readonly decayPer: 'step' | 'epoch';
}

/** The reading that reproduces the report's tables (issue 16): N(0, 0.01²) weights, standardized pixels, decay per epoch. */
export const REPORT_SETUP: Setup = { init: { type: 'normal', std: 0.01 }, normalize: 'standardize', decayPer: 'epoch' };
/** Today's defaults: He/Xavier, pixels/255, decay per step. */
export const MODERN_SETUP: Setup = { normalize: 'none', decayPer: 'step' };

export type SetupName = 'report' | 'modern';
export const SETUPS: Readonly<Record<SetupName, Setup>> = { report: REPORT_SETUP, modern: MODERN_SETUP };
export const SETUP_LABELS: Readonly<Record<SetupName, string>> = { report: "the report's setup", modern: 'modern' };

/** One factor of a setup, as the ablation switches it. */
export type SetupFactor = 'init' | 'normalize' | 'decayPer';
export const SETUP_FACTORS: readonly SetupFactor[] = ['init', 'normalize', 'decayPer'];

/** `setup` with one factor taken from `other`. */
export function withFactor(setup: Setup, factor: SetupFactor, other: Setup): Setup {
  const { init: _init, ...rest } = setup;
  if (factor === 'init') return other.init ? { ...rest, init: other.init } : rest;
  return { ...setup, [factor]: other[factor] };
}

/** The setup a stored config ran under. */
export function setupOf(config: Pick<RunConfig, 'model' | 'normalize' | 'schedule'>): Setup {
  const init = config.model.init && config.model.init.type !== 'auto' ? config.model.init : undefined;
  const per = config.schedule.type === 'inverse_time' && config.schedule.per === 'epoch' ? 'epoch' : 'step';
  return { ...(init && { init }), normalize: config.normalize, decayPer: per };
}

/** The factors where two setups differ. */
export function differingFactors(a: Setup, b: Setup): SetupFactor[] {
  return SETUP_FACTORS.filter((f) => JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
}

/** What a factor is called, and its value in `s`: "weight init" / "N(0, 0.01²)". */
export const FACTOR_NAMES: Readonly<Record<SetupFactor, string>> = { init: 'weight init', normalize: 'input scaling', decayPer: 'decay' };

export function factorText(factor: SetupFactor, s: Setup): string {
  switch (factor) {
    case 'init':
      return s.init?.type === 'normal' ? `N(0, ${s.init.std ?? 0.01}²)` : s.init ? s.init.type : 'He/Xavier (auto)';
    case 'normalize':
      return s.normalize === 'none' ? 'pixels/255' : s.normalize === 'standardize' ? 'standardized' : `(x/255 − ${s.normalize.mean}) / ${s.normalize.std}`;
    case 'decayPer':
      return `per ${s.decayPer}`;
  }
}

/** "N(0, 0.01²) init, standardized inputs, decay per epoch". */
export function setupText(s: Setup): string {
  return `${factorText('init', s)} init, ${s.normalize === 'none' ? 'pixels/255' : `${factorText('normalize', s)} inputs`}, decay ${factorText('decayPer', s)}`;
}

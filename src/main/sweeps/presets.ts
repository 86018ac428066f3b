// Ready-made sweeps: the report's stage-1 grid (with ASHA, which stops its stuck cells after one epoch), and
// Bayesian search over the same space with a third of the grid's budget.
import { FULL_SCALE } from '../reproduce/scale';
import { mlpConfig } from '../reproduce/configs';
import { SETUPS } from '../reproduce/setups';
import type { SweepSpecInput } from '../../shared/sweep-spec';

export const SWEEP_PRESETS = ['report-stage1', 'report-stage1-bayes'] as const;
export type SweepPreset = (typeof SWEEP_PRESETS)[number];

export function presetSpec(preset: SweepPreset): SweepSpecInput {
  const s1 = FULL_SCALE.stage1;
  const base = mlpConfig(FULL_SCALE, {
    epochs: s1.epochs,
    setup: SETUPS.report,
  });
  if (preset === 'report-stage1') {
    return {
      name: "The report's stage-1 grid, with ASHA",
      method: 'grid',
      base,
      parameters: {
        lr: { values: [...s1.lr] },
        'model.layers.1.units': { values: [...s1.firstHidden] },
        l2: { values: [...s1.l2] },
      },
      early_terminate: { type: 'hyperband', min_iter: 1, eta: 3 },
    };
  }
  return {
    name: "Bayes over the report's stage-1 space",
    method: 'bayes',
    base,
    parameters: {
      lr: {
        distribution: 'log_uniform_values',
        min: Math.min(...s1.lr),
        max: Math.max(...s1.lr),
      },
      l2: {
        distribution: 'log_uniform_values',
        min: Math.min(...s1.l2),
        max: Math.max(...s1.l2),
      },
      'model.layers.1.units': { values: [...s1.firstHidden] },
    },
    run_cap: 6,
    bayes: { startup_trials: 3 },
  };
}

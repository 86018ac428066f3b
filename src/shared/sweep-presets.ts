// Sweeps to start from: the course report's stage-1 search as it ran it, the same space searched by TPE, and a quick
// random search with ASHA on the fixture-sized data. Specs in the shape `startSweep` takes (W&B sweep style).
import type { SweepGoal, SweepMethod, SweepMetricName } from './api-sweep-types';
import type { GridValue } from './grid-expand';
import { mlpSpec } from './model-presets';
import { REPORT } from './report-numbers';
import type { RunConfigInput } from './run-config';

/** One parameter of a preset: a list of values, or a range (a distribution for random/bayes, a count for grid). */
export type SweepPresetParameter =
  | { readonly values: readonly GridValue[] }
  | { readonly distribution: 'uniform' | 'log_uniform_values' | 'int_uniform'; readonly min: number; readonly max: number }
  | { readonly distribution: 'q_uniform'; readonly min: number; readonly max: number; readonly q: number };

export interface SweepPresetSpec {
  readonly name: string;
  readonly method: SweepMethod;
  readonly base: RunConfigInput;
  readonly parameters: Readonly<Record<string, SweepPresetParameter>>;
  readonly metric: { readonly name: SweepMetricName; readonly goal: SweepGoal };
  readonly run_cap?: number;
  readonly seed?: number;
  readonly bayes?: { readonly startup_trials: number };
  readonly early_terminate?:
    | { readonly type: 'hyperband'; readonly min_iter: number; readonly eta: number }
    | { readonly type: 'median'; readonly warmup_epochs: number; readonly min_trials: number };
}

export interface SweepPreset {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** True when the preset's own data sizes matter (the quick one): the form keeps them instead of the user's. */
  readonly keepsLimits?: boolean;
  readonly spec: SweepPresetSpec;
}

/** The report's stage-1 values (table 2), as `src/main/reproduce` runs them: the first hidden layer's width varies. */
export const REPORT_STAGE1 = { lr: [0.0001, 0.001, 0.01], firstHidden: [64, 128], l2: [0.001, 0.01, 0.1] } as const;

/** The path of the MLP's first hidden width: layer 0 is the flatten, layer 1 the first linear. */
export const FIRST_HIDDEN_PATH = 'model.layers.1.units';

/** The report's MLP setup (its table 1) with stage 1's 5 epochs: SGD + momentum 0.9, lr / (1 + 0.001·t). */
function reportBase(epochs: number): RunConfigInput {
  const s = REPORT.setup;
  return {
    dataset: { name: 'mnist' },
    model: mlpSpec({ hidden: s.hidden, activation: 'relu' }),
    optimizer: { type: 'momentum', momentum: s.momentum },
    lr: s.lr,
    schedule: { type: 'inverse_time', decay: s.decay },
    l2: s.l2,
    batchSize: s.batchSize,
    epochs,
    seed: 1,
  };
}

const metric = { name: 'test_accuracy', goal: 'maximize' } as const;

export const SWEEP_PRESETS: readonly SweepPreset[] = [
  {
    id: 'report-two-stage',
    title: "The report's two-stage search",
    description: 'Stage 1 as the report ran it (its table 2): a grid of lr × first hidden width × L2, 18 runs of 5 epochs.',
    spec: {
      name: 'Report stage 1 (grid)',
      method: 'grid',
      base: reportBase(REPORT.stage1.epochs),
      parameters: {
        lr: { values: [...REPORT_STAGE1.lr] },
        [FIRST_HIDDEN_PATH]: { values: [...REPORT_STAGE1.firstHidden] },
        l2: { values: [...REPORT_STAGE1.l2] },
      },
      metric,
    },
  },
  {
    id: 'bayes-same-space',
    title: 'Bayes over the same space',
    description: 'TPE over the same ranges as distributions: log-uniform lr and L2, 64–128 units, 12 trials (5 random first).',
    spec: {
      name: 'Report space (bayes)',
      method: 'bayes',
      base: reportBase(REPORT.stage1.epochs),
      parameters: {
        lr: { distribution: 'log_uniform_values', min: 0.0001, max: 0.01 },
        [FIRST_HIDDEN_PATH]: { distribution: 'q_uniform', min: 64, max: 128, q: 16 },
        l2: { distribution: 'log_uniform_values', min: 0.001, max: 0.1 },
      },
      metric,
      run_cap: 12,
      seed: 0,
      bayes: { startup_trials: 5 },
    },
  },
  {
    id: 'random-asha',
    title: 'Random with ASHA',
    description: 'A quick random search on 2 000 images: 8 trials of 3 epochs, the weak ones stopped after epoch 1.',
    keepsLimits: true,
    spec: {
      name: 'Quick random + ASHA',
      method: 'random',
      base: { ...reportBase(3), model: mlpSpec({ hidden: [64], activation: 'relu' }), limitTrain: 2000, limitTest: 500 },
      parameters: { lr: { distribution: 'log_uniform_values', min: 0.0001, max: 0.3 }, l2: { distribution: 'log_uniform_values', min: 0.00001, max: 0.01 } },
      metric,
      run_cap: 8,
      seed: 0,
      early_terminate: { type: 'hyperband', min_iter: 1, eta: 3 },
    },
  },
];

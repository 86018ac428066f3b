// What the API returns about sweeps (grid, random or Bayesian search with early termination): plain JSON-safe data.
// The spec itself (`SweepSpec`, its schema and validation) lives in `sweep-spec.ts`.
import type { GridValue } from './grid-expand';
import type { RunSummary } from './api-types';

export const SWEEP_METHODS = ['grid', 'random', 'bayes'] as const;
export type SweepMethod = (typeof SWEEP_METHODS)[number];

/** The summary metrics a sweep can optimise: the last finished epoch's scores. */
export const SWEEP_METRICS = ['test_accuracy', 'test_loss', 'val_accuracy', 'val_loss', 'train_loss', 'train_accuracy'] as const;
export type SweepMetricName = (typeof SWEEP_METRICS)[number];

export type SweepGoal = 'minimize' | 'maximize';

/** running: trials still to sample or training; finished: run_cap reached (or the grid exhausted). */
export type SweepState = 'running' | 'finished' | 'cancelled' | 'interrupted';

export interface SweepSummary {
  readonly id: number;
  /** 1, 2, 3… in order of creation among sweeps. */
  readonly number: number;
  readonly name: string;
  readonly method: SweepMethod;
  readonly metric: { readonly name: SweepMetricName; readonly goal: SweepGoal };
  /** 'hyperband' (ASHA), 'median', or null (no early termination). */
  readonly earlyTerminate: 'hyperband' | 'median' | null;
  readonly state: SweepState;
  readonly createdAt: number;
  /** Trials the sweep will run at most (run_cap, or the grid's size). */
  readonly runCap: number;
  readonly trialCount: number;
  /** Trial counts by run status, e.g. { completed: 7, pruned: 4, running: 2 }. */
  readonly statusCounts: Readonly<Record<string, number>>;
  /** The trial with the best metric so far (pruned trials count with their last epoch), and that value. */
  readonly bestRunId: number | null;
  readonly bestValue: number | null;
  /** The spec as the user gave it (defaults filled), for "edit and start again". */
  readonly spec: unknown;
}

export interface SweepTrial {
  /** 0, 1, 2… in the order the sampler proposed them. */
  readonly number: number;
  /** Parameter path → sampled value, e.g. { lr: 0.0123, l2: 0.0004, "model.layers.1.units": 128 }. */
  readonly params: Readonly<Record<string, GridValue>>;
  readonly run: RunSummary;
  /** The metric at the last epoch the trial finished (null before its first epoch). */
  readonly value: number | null;
  /** The best value among trials 0..number that have one (the optimisation-history line). */
  readonly bestSoFar: number | null;
  /** Epochs finished; for a pruned trial, the rung it was stopped at. */
  readonly epochsDone: number;
  /** Why early termination stopped it, e.g. "ASHA rung 1 (epoch 1): 0.113 below the top 1/3 (0.912)"; null otherwise. */
  readonly prunedReason: string | null;
}

/** How much each parameter explains the metric, across the sweep's finished trials. */
export interface ParameterImportance {
  readonly path: string;
  /** Share of the explained variance, 0..1; the shares sum to 1 (or all are 0 with too few trials). */
  readonly importance: number;
}

export interface SweepDetail extends SweepSummary {
  readonly trials: readonly SweepTrial[];
  /** Empty until enough trials have finished (at least 4). */
  readonly importance: readonly ParameterImportance[];
  /** How importance was computed, in one line (shown under the plot). */
  readonly importanceMethod: string;
}

// A sweep in the shape W&B uses: grid, random or Bayesian (TPE) search over config paths, a metric to optimise,
// a run budget and optional early termination. One schema refuses a bad sweep before any run starts, naming the
// field; every config a sweep can produce is a valid RunConfig (a range is checked at its bounds).
import { z } from 'zod';
import { SWEEP_METHODS, SWEEP_METRICS, type SweepGoal, type SweepMetricName } from './api-sweep-types';
import { placementField } from './api-placement';
import { configOverridesSchema } from './config-overrides';
import { checkGridCells, MAX_PARAMETER_VALUES } from './grid-expand';
import { gridParameterPathSchema, gridParameterSchema, MAX_GRID_PARAMETERS, MAX_GRID_RUNS } from './grid-spec';
import { checkSweepCorners } from './sweep-corners';
import { SWEEP_DISTRIBUTIONS } from './sweep-domains';
import { nameSchema } from './text-rules';

/** Random start-up trials before TPE takes over (Optuna's default is 10 as well). */
export const DEFAULT_STARTUP_TRIALS = 10;
/** Candidates TPE draws from the good trials' density per proposal (Optuna's n_ei_candidates). */
export const DEFAULT_CANDIDATES = 24;
export const MAX_SWEEP_RUNS = MAX_GRID_RUNS;

const finite = z.number().min(-1e12).max(1e12);
const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const sweepParameterSchema = z.strictObject({
  values: z.array(z.json()).min(1).max(MAX_PARAMETER_VALUES).optional(),
  value: z.json().optional(),
  distribution: z.enum(SWEEP_DISTRIBUTIONS).optional(),
  min: finite.optional(),
  max: finite.optional(),
  q: z.number().gt(0).max(1e12).optional(),
  /** Grid only: `count` values from min to max. */
  count: int(1, MAX_PARAMETER_VALUES).optional(),
  log: z.boolean().optional(),
  integer: z.boolean().optional(),
});
export type SweepParameter = z.output<typeof sweepParameterSchema>;

const metricSchema = z
  .strictObject({
    name: z.enum(SWEEP_METRICS),
    goal: z.enum(['minimize', 'maximize']).optional(),
  })
  .transform((m) => ({ name: m.name, goal: m.goal ?? defaultGoal(m.name) }));

const earlyTerminateSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hyperband'),
    min_iter: int(1, 10_000),
    eta: int(2, 100).default(3),
  }),
  z.strictObject({
    type: z.literal('median'),
    warmup_epochs: int(0, 10_000).default(0),
    min_trials: int(1, 1000).default(5),
  }),
]);

export const sweepSpecSchema = z
  .strictObject({
    name: nameSchema.optional(),
    method: z.enum(SWEEP_METHODS),
    base: configOverridesSchema,
    parameters: z
      .record(gridParameterPathSchema, sweepParameterSchema)
      .refine((r) => Object.keys(r).length >= 1, 'give at least one parameter')
      .refine((r) => Object.keys(r).length <= MAX_GRID_PARAMETERS, `at most ${MAX_GRID_PARAMETERS} parameters`),
    metric: metricSchema.default({ name: 'test_accuracy', goal: 'maximize' }),
    run_cap: int(1, MAX_SWEEP_RUNS).optional(),
    seed: int(0, 2 ** 31 - 1).default(0),
    bayes: z
      .strictObject({
        startup_trials: int(0, MAX_SWEEP_RUNS).default(DEFAULT_STARTUP_TRIALS),
        candidates: int(1, 1000).default(DEFAULT_CANDIDATES),
      })
      .optional(),
    early_terminate: earlyTerminateSchema.optional(),
    /** Where its trials train: here, or on remote workers (the workbench's setting when absent). */
    placement: placementField,
  })
  .superRefine(
    (spec, ctx) => {
      let refused = false;
      const add = (path: (string | number)[], message: string) => {
        refused = true;
        ctx.addIssue({ code: 'custom', path, message });
      };
      if (spec.method !== 'grid' && spec.run_cap === undefined) add(['run_cap'], `a ${spec.method} sweep needs run_cap (how many trials to run)`);
      if (spec.bayes !== undefined && spec.method !== 'bayes') add(['bayes'], `only for method 'bayes', not '${spec.method}'`);
      for (const [key, p] of Object.entries(spec.parameters)) {
        const problem = spec.method === 'grid' ? gridParameterProblem(p) : sampledParameterProblem(p);
        if (problem) add(['parameters', key, ...problem.path], problem.message);
      }
      if (refused) return;
      const cells = spec.method === 'grid' ? checkGridCells({ ...spec, parameters: spec.parameters }) : checkSweepCorners(spec);
      if (cells) return add(cells.path, cells.message);
      if (spec.metric.name.startsWith('val_') && !((spec.base.validationSplit ?? 0) > 0) && !('validationSplit' in spec.parameters)) {
        add(['metric', 'name'], `${spec.metric.name} needs a validation split: set base.validationSplit (e.g. 0.1)`);
      }
    },
    // NOTE: as in the grid spec, configs are built only from a spec whose fields passed their own checks.
    { when: (payload) => payload.issues.length === 0 },
  );

export type SweepSpec = z.output<typeof sweepSpecSchema>;
export type SweepSpecInput = z.input<typeof sweepSpecSchema>;

export function defaultGoal(metric: SweepMetricName): SweepGoal {
  return metric.endsWith('accuracy') ? 'maximize' : 'minimize';
}

type Problem = { path: (string | number)[]; message: string } | null;

/** A grid parameter takes the grid spec's forms only. */
function gridParameterProblem(p: SweepParameter): Problem {
  if (p.distribution !== undefined)
    return {
      path: ['distribution'],
      message: "a grid takes `values`, `value` or `min`/`max`/`count`; distributions are for 'random' and 'bayes'",
    };
  if (p.q !== undefined) return { path: ['q'], message: 'only with distribution q_uniform' };
  const parsed = gridParameterSchema.safeParse(p);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return {
    path: issue.path.map((x) => (typeof x === 'number' ? x : String(x))),
    message: issue.message,
  };
}

/** A random/bayes parameter: `values`, `value`, or a distribution with its bounds. */
function sampledParameterProblem(p: SweepParameter): Problem {
  if (p.count !== undefined)
    return {
      path: ['count'],
      message: '`count` is for grids; a random or bayes range samples between min and max',
    };
  if (p.integer !== undefined) return { path: ['integer'], message: 'use distribution int_uniform' };
  const range = p.min !== undefined || p.max !== undefined;
  const d = p.distribution;
  if (d === 'categorical' || d === undefined) {
    const forms = [p.values !== undefined, p.value !== undefined, range].filter(Boolean).length;
    if (d === 'categorical' && p.values === undefined)
      return {
        path: ['values'],
        message: 'a categorical distribution needs values',
      };
    if (forms !== 1)
      return {
        path: [],
        message: 'give exactly one of `values`, `value`, or `min`/`max` (with a distribution)',
      };
    if (d === 'categorical' && range)
      return {
        path: [p.min !== undefined ? 'min' : 'max'],
        message: 'a categorical distribution takes values, not a range',
      };
  } else {
    if (p.values !== undefined)
      return {
        path: ['values'],
        message: `distribution ${d} takes min/max, not values`,
      };
    if (p.value !== undefined)
      return {
        path: ['value'],
        message: `distribution ${d} takes min/max, not a value`,
      };
  }
  if (p.q !== undefined && d !== 'q_uniform') return { path: ['q'], message: 'only with distribution q_uniform' };
  if (p.log !== undefined && d !== undefined)
    return {
      path: ['log'],
      message: `not with a distribution (use log_uniform_values)`,
    };
  if (!range) return null;
  if (p.min === undefined) return { path: ['min'], message: 'a range needs min' };
  if (p.max === undefined) return { path: ['max'], message: 'a range needs max' };
  if (!(p.max > p.min)) return { path: ['max'], message: `must be > min (${p.min}), got ${p.max}` };
  if ((d === 'log_uniform_values' || p.log) && p.min <= 0)
    return {
      path: ['min'],
      message: `must be > 0 for a log-uniform range, got ${p.min}`,
    };
  if (d === 'int_uniform' && !Number.isInteger(p.min))
    return {
      path: ['min'],
      message: `must be an integer for int_uniform, got ${p.min}`,
    };
  if (d === 'int_uniform' && !Number.isInteger(p.max))
    return {
      path: ['max'],
      message: `must be an integer for int_uniform, got ${p.max}`,
    };
  if (d === 'q_uniform' && p.q === undefined) return { path: ['q'], message: 'q_uniform needs q (the step)' };
  if (d === 'q_uniform' && Math.ceil(p.min / p.q! - 1e-9) > Math.floor(p.max / p.q! + 1e-9)) {
    return {
      path: ['q'],
      message: `no multiple of ${p.q} lies between min ${p.min} and max ${p.max}`,
    };
  }
  return null;
}

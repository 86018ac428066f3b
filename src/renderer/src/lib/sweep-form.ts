// The new-sweep form as plain state, and its translation to the spec `startSweep` takes, with every problem placed
// on its field (a row's min, the run cap, ASHA's eta…): the form's own reading first, then the contract's schema
// (the one validation path the service uses too), whose word lands on the same fields.
import { SWEEP_METRICS, type SweepGoal, type SweepMethod, type SweepMetricName } from '../../../shared/api-sweep-types';
import type { RunConfigInput } from '../../../shared/run-config';
import { sweepSpecSchema, type SweepSpecInput } from '../../../shared/sweep-spec';
import { readableMessage } from './field-errors';
import { parseRow, type SweepRow } from './sweep-rows';

export type EarlyTerminateChoice = 'none' | 'hyperband' | 'median';

export interface SweepSettings {
  name: string;
  method: SweepMethod;
  metric: SweepMetricName;
  goal: SweepGoal;
  runCap: string;
  seed: string;
  startupTrials: string;
  early: EarlyTerminateChoice;
  minIter: string;
  eta: string;
  warmupEpochs: string;
  minTrials: string;
}

export function defaultSweepSettings(): SweepSettings {
  return {
    name: '',
    method: 'random',
    metric: 'test_accuracy',
    goal: 'maximize',
    runCap: '10',
    seed: '0',
    startupTrials: '10',
    early: 'none',
    minIter: '1',
    eta: '3',
    warmupEpochs: '0',
    minTrials: '5',
  };
}

export const METRIC_LABELS: Record<SweepMetricName, string> = {
  test_accuracy: 'Test accuracy',
  test_loss: 'Test loss',
  val_accuracy: 'Validation accuracy',
  val_loss: 'Validation loss',
  train_loss: 'Train loss',
  train_accuracy: 'Train accuracy',
};
export const METRIC_CHOICES = SWEEP_METRICS.map((id) => ({ id, label: METRIC_LABELS[id] }));

export type SweepErrors = Record<string, string>;

export interface SweepBuild {
  readonly spec: SweepSpecInput | null;
  readonly errors: SweepErrors;
  /** Trials the sweep will run: run_cap, or a grid's size (capped); null while that cannot be told. */
  readonly trials: number | null;
}

/** A whole number in [min, max], or the reason it is not. */
function wholeNumber(text: string, min: number, max = 2 ** 31 - 1): number | string {
  const n = text.trim() === '' ? NaN : Number(text);
  if (!Number.isInteger(n) || n < min) return `a whole number ≥ ${min}`;
  return n > max ? `at most ${max}` : n;
}

/** Builds the spec from the base config (validated by the run form's sections) and the rest of the form. */
export function buildSweepSpec(base: RunConfigInput, rows: readonly SweepRow[], s: SweepSettings): SweepBuild {
  const errors: SweepErrors = {};
  const parameters = Object.create(null) as Record<string, Record<string, unknown>>;
  // Paths seen so far, read or not: a second row for a path is a mistake even when the first does not read yet.
  const seen = new Set<string>();
  let gridSize: number | null = 1;
  rows.forEach((row, i) => {
    const path = row.path.trim();
    if (!path) return void ((errors[`rows.${i}.path`] = 'choose a parameter'), (gridSize = null));
    if (seen.has(path)) return void (errors[`rows.${i}.path`] = 'this parameter is already in the sweep');
    seen.add(path);
    const parsed = parseRow(row);
    for (const [f, m] of Object.entries(parsed.errors)) errors[`rows.${i}.${f}`] = m;
    if (parsed.parameter) parameters[path] = parsed.parameter;
    gridSize = gridSize !== null && parsed.gridValues !== null ? gridSize * parsed.gridValues : null;
  });
  if (rows.length === 0) errors._sweep = 'add at least one parameter to search';

  const read = (key: keyof SweepSettings & string, min: number, max?: number): number | undefined => {
    const v = wholeNumber(s[key] as string, min, max);
    if (typeof v === 'string') errors[key] = v;
    return typeof v === 'number' ? v : undefined;
  };
  const sampled = s.method !== 'grid';
  const runCap = sampled || s.runCap.trim() !== '' ? read('runCap', 1, 10_000) : undefined;
  const seed = read('seed', 0) ?? 0;
  const startup = s.method === 'bayes' ? read('startupTrials', 0, 10_000) : undefined;
  if (s.metric.startsWith('val_') && !((base.validationSplit ?? 0) > 0))
    errors.metric = `${METRIC_LABELS[s.metric].toLowerCase()} needs a validation split (set it under Data)`;

  let early: SweepSpecInput['early_terminate'];
  if (s.early === 'hyperband') {
    const minIter = read('minIter', 1, 10_000);
    const eta = read('eta', 2, 100);
    if (minIter !== undefined && eta !== undefined) early = { type: 'hyperband', min_iter: minIter, eta };
    if (minIter !== undefined && minIter >= (base.epochs ?? Infinity))
      errors.minIter = `must be fewer than the ${base.epochs} epochs, or no trial is ever judged`;
  } else if (s.early === 'median') {
    const warmup = read('warmupEpochs', 0, 10_000);
    const minTrials = read('minTrials', 1, 1000);
    if (warmup !== undefined && minTrials !== undefined) early = { type: 'median', warmup_epochs: warmup, min_trials: minTrials };
  }

  const spec: SweepSpecInput = {
    ...(s.name.trim() && { name: s.name.trim() }),
    method: s.method,
    base,
    parameters: parameters as SweepSpecInput['parameters'],
    metric: { name: s.metric, goal: s.goal },
    ...(runCap !== undefined && { run_cap: runCap }),
    seed,
    ...(startup !== undefined && { bayes: { startup_trials: startup } }),
    ...(early && { early_terminate: early }),
  };
  const trials = sampled ? (runCap ?? null) : gridSize === null ? null : Math.min(gridSize, runCap ?? Infinity);
  // The schema reads a spec the form found whole: the rest (a config a range's corner would make) only it knows.
  if (Object.keys(errors).length === 0) schemaErrors(spec, rows, errors);
  return { spec: Object.keys(errors).length === 0 ? spec : null, errors, trials };
}

function schemaErrors(spec: SweepSpecInput, rows: readonly SweepRow[], errors: SweepErrors): void {
  const parsed = sweepSpecSchema.safeParse(spec);
  for (const issue of parsed.error?.issues ?? []) errors[sweepFieldOf(issue.path.map(String), rows)] ??= readableMessage(issue.message);
}

/** Where a problem the service names goes: a row's field, a setting, the base config, or the sweep as a whole. */
export function sweepFieldOf(path: readonly string[], rows: readonly SweepRow[]): string {
  if (path[0] === 'parameters' && path[1]) {
    // The service names a field as one dotted string, and a parameter's own path has dots ("model.layers.1.units").
    const rest = path.slice(1).join('.');
    const i = rows.findIndex((r) => r.path.trim() !== '' && (rest === r.path.trim() || rest.startsWith(`${r.path.trim()}.`)));
    const part = i >= 0 ? rest.slice(rows[i]!.path.trim().length + 1) : '';
    if (i >= 0) return `rows.${i}.${part === 'min' || part === 'max' || part === 'q' || part === 'count' ? part : 'values'}`;
  }
  if (path[0] === 'base' && path.length > 1) return `base.${path.slice(1).join('.')}`;
  const settings: Record<string, string> = { run_cap: 'runCap', seed: 'seed', metric: 'metric', name: 'name' };
  if (path[0] && settings[path[0]]) return settings[path[0]]!;
  if (path[0] === 'bayes') return 'startupTrials';
  if (path[0] === 'early_terminate') {
    const map: Record<string, string> = { min_iter: 'minIter', eta: 'eta', warmup_epochs: 'warmupEpochs', min_trials: 'minTrials' };
    return map[path[1] ?? ''] ?? 'early';
  }
  return '_sweep';
}

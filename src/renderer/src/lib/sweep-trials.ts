// A sweep's trials read for plotting: one column per searched parameter (numeric or not, log-scaled or not), the
// trials that have a score, and how the metric is written.
import type { SweepDetail, SweepMetricName, SweepTrial } from '../../../shared/api-sweep-types';
import type { GridValue } from '../../../shared/grid-expand';
import { formatParam, formatValue } from './format';
import { METRIC_LABELS } from './sweep-form';
import { SWEEP_PATHS } from './sweep-rows';

export interface SweepColumn {
  /** The config path, e.g. "lr" or "model.layers.1.units". */
  readonly key: string;
  readonly label: string;
  /** For table headers: "hidden 1" for the first hidden width, else the path. */
  readonly short: string;
  readonly numeric: boolean;
  /** Plotted on a log axis: sampled log-uniform, or positive values spanning 100× or more. */
  readonly log: boolean;
}

interface SpecParameters {
  readonly parameters?: Readonly<Record<string, { distribution?: string; log?: boolean }>>;
}

export const isPercentMetric = (m: SweepMetricName) => m.endsWith('accuracy');

/** "98.12%" for accuracies, "0.1234" for losses. */
export function formatMetric(m: SweepMetricName, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return isPercentMetric(m) ? `${(v * 100).toFixed(2)}%` : formatValue(v);
}

export const metricLabel = (m: SweepMetricName) => METRIC_LABELS[m];

export function paramLabel(key: string): string {
  return SWEEP_PATHS.find((p) => p.path === key)?.label ?? key;
}

/** A parameter's value as a table cell or axis category. */
export function formatTrialValue(v: GridValue | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return formatParam(v);
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

/** The searched parameters, in the spec's order (constants — one value for every trial — left out). */
export function sweepColumns(sweep: Pick<SweepDetail, 'trials' | 'spec'>): SweepColumn[] {
  const spec = (sweep.spec ?? {}) as SpecParameters;
  const keys = [...new Set([...Object.keys(spec.parameters ?? {}), ...sweep.trials.flatMap((t) => Object.keys(t.params))])];
  return keys.flatMap((key) => {
    const values = sweep.trials.map((t) => t.params[key]).filter((v) => v !== undefined);
    const p = spec.parameters?.[key];
    const constant = new Set(values.map((v) => JSON.stringify(v))).size <= 1 && values.length > 1;
    if (constant) return [];
    const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
    const nums = numeric ? (values as number[]) : [];
    const spans = nums.length > 0 && Math.min(...nums) > 0 && Math.max(...nums) / Math.min(...nums) >= 100;
    const log = numeric && (p?.distribution === 'log_uniform_values' || p?.log === true || spans);
    return [{ key, label: paramLabel(key), short: SWEEP_PATHS.find((x) => x.path === key)?.short ?? key, numeric, log }];
  });
}

/** Trials with a score (finished, pruned at a rung, or past their first epoch). */
export const scoredTrials = (trials: readonly SweepTrial[]) => trials.filter((t): t is SweepTrial & { value: number } => t.value !== null);

/** The first two numeric columns (else any two): the contour plot's default axes. */
export function defaultContourAxes(cols: readonly SweepColumn[]): [string, string] | null {
  const ordered = [...cols.filter((c) => c.numeric), ...cols.filter((c) => !c.numeric)];
  return ordered.length >= 2 ? [ordered[0]!.key, ordered[1]!.key] : null;
}

// The hyper-parameters that vary across runs (config paths, the model described as one), each as an axis for the
// parameter views: numbers (on a log scale when they span a decade or more) or categories, read from every run.
import type { RunSummary } from '../../../shared/api-types';
import { resolveColumn, type RunColumn } from '../../../shared/run-columns';
import type { ParallelAxisSpec } from './parallel-options';

export interface ParamAxis {
  readonly column: RunColumn;
  readonly kind: 'number' | 'category';
  /** Categories in first-seen order (category axes). */
  readonly categories: readonly string[];
  readonly log: boolean;
  readonly integer: boolean;
}

/** Scores the views can plot against the parameters. */
export const PARAM_METRICS: readonly string[] = [
  'best.testAccuracy',
  'final.testAccuracy',
  'final.testLoss',
  'final.trainAccuracy',
  'final.trainLoss',
  'best.valAccuracy',
  'seconds',
];

/** Config paths never worth an axis: the name, and what the model and dataset columns already say. */
const SKIP = /^(name|model\.|dataset\.)/;

function leafPaths(value: unknown, prefix: string, out: Set<string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.add(prefix);
}

/** A run's value on an axis: a number, a category's text, or null where the run lacks it. */
export function axisValue(axis: ParamAxis, run: RunSummary, now: number): number | string | null {
  const v = axis.column.value(run, now);
  if (v === null) return null;
  return axis.kind === 'number' ? (typeof v === 'number' ? v : null) : String(v);
}

function axisOf(column: RunColumn, runs: readonly RunSummary[], now: number): ParamAxis | null {
  const values = runs.map((r) => column.value(r, now)).filter((v) => v !== null);
  if (new Set(values).size < 2) return null;
  if (values.every((v) => typeof v === 'number')) {
    const nums = values as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    return { column, kind: 'number', categories: [], log: lo > 0 && hi / lo >= 10, integer: nums.every(Number.isInteger) };
  }
  return { column, kind: 'category', categories: [...new Set(values.map(String))], log: false, integer: false };
}

/** The parameters that take more than one value across `runs`, in config order (the model first), at most `max`. */
export function paramAxes(runs: readonly RunSummary[], now: number, max = 10): ParamAxis[] {
  const paths = new Set<string>();
  for (const r of runs) leafPaths(r.config, '', paths);
  const ids = ['model', ...[...paths].filter((p) => !SKIP.test(p))];
  const axes: ParamAxis[] = [];
  for (const id of ids) {
    const column = resolveColumn(id, runs);
    if (typeof column === 'string') continue;
    const axis = axisOf(column, runs, now);
    if (axis) axes.push(axis);
    if (axes.length === max) break;
  }
  return axes;
}

/** The axis as the parallel-coordinates builder takes it. */
export function axisSpec(axis: ParamAxis): ParallelAxisSpec {
  return { id: axis.column.id, name: axis.column.label, kind: axis.kind, categories: axis.categories, log: axis.log, integer: axis.integer };
}

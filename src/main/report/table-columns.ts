// The columns of an exported run table: the ids asked for (the runs page sends what it shows), or by default the
// name, the parameters that vary and the scores. Columns themselves are shared with the screen (shared/run-columns).
import type { RunSummary } from '../../shared/api-types';
import { describeModel } from '../../shared/describe-model';
import { resolveColumn, type RunColumn } from '../../shared/run-columns';
import { ValidationError } from '../../shared/validation';

/** Scores shown after the varied parameters when no columns are asked for. */
export const DEFAULT_SCORE_COLUMNS = [
  'final.trainAccuracy',
  'final.trainPassAccuracy',
  'final.testLoss',
  'final.testAccuracy',
  'best.testAccuracy',
  'best.epoch',
];

/** One column by id; `field` names the request field for the error. @throws ValidationError for an unknown id. */
export function columnFor(id: string, runs: readonly RunSummary[], field: string): RunColumn {
  const column = resolveColumn(id, runs);
  if (typeof column === 'string') throw new ValidationError(field, column);
  return column;
}

/** Every leaf of a config as path → JSON text, the model as one leaf ("hidden 128·64 relu"): layer lists differ in length. */
function leaves(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (prefix === 'model' && typeof value === 'object' && value !== null && Array.isArray((value as { layers?: unknown }).layers)) {
    out.set('model', describeModel(value as Parameters<typeof describeModel>[0]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** Config paths whose value is not the same in every run (the name aside), in config order, at most `max`. */
export function variedPaths(runs: readonly RunSummary[], max = 8): string[] {
  const all = runs.map((r) => leaves(r.config, '', new Map()));
  const paths = [...new Set(all.flatMap((m) => [...m.keys()]))].filter((p) => p !== 'name');
  return paths.filter((p) => new Set(all.map((m) => m.get(p))).size > 1).slice(0, max);
}

/**
 * The columns of a table of `runs`: the ids asked for, or by default the name, the parameters that vary
 * (`params`: a grid's parameter paths, else found by comparing configs) and the scores.
 */
export function tableColumns(runs: readonly RunSummary[], ids?: readonly string[], params?: readonly string[]): RunColumn[] {
  if (ids) return ids.map((id, i) => columnFor(id, runs, `columns.${i}`));
  const varied = params ?? variedPaths(runs);
  return ['name', ...varied, ...DEFAULT_SCORE_COLUMNS].map((id) => columnFor(id, runs, 'columns'));
}

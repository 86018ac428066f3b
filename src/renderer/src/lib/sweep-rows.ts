// The sweep form's parameter rows: a config path and how it is searched (a list of values, a grid range, or a
// distribution for random/bayes), and each row's translation to a sweep parameter with its problems by field.
import type { SweepMethod } from '../../../shared/api-sweep-types';
import type { GridValue } from '../../../shared/grid-expand';
import { FIRST_HIDDEN_PATH, type SweepPresetParameter } from '../../../shared/sweep-presets';
import { parseValueList } from './grid-form';

/** The paths offered by name (any other dotted config path can be typed). */
export const SWEEP_PATHS: readonly { path: string; label: string; short: string; integer?: boolean; log?: boolean }[] = [
  { path: 'lr', label: 'Learning rate', short: 'lr', log: true },
  { path: 'l2', label: 'L2 strength', short: 'L2', log: true },
  { path: FIRST_HIDDEN_PATH, label: 'Hidden width 1 (MLP)', short: 'hidden 1', integer: true },
  { path: 'model.layers.3.units', label: 'Hidden width 2 (MLP)', short: 'hidden 2', integer: true },
  { path: 'batchSize', label: 'Batch size', short: 'batch', integer: true },
  { path: 'optimizer.momentum', label: 'Momentum', short: 'momentum' },
  { path: 'schedule.decay', label: 'LR decay (1/t)', short: 'decay', log: true },
  { path: 'epochs', label: 'Epochs', short: 'epochs', integer: true },
  { path: 'seed', label: 'Seed', short: 'seed', integer: true },
];

/** values: a list (categorical); range: grid min/max/count; the rest: W&B's distributions. */
export const ROW_KINDS = ['values', 'range', 'uniform', 'log_uniform_values', 'int_uniform', 'q_uniform'] as const;
export type SweepRowKind = (typeof ROW_KINDS)[number];

export const KIND_LABELS: Record<SweepRowKind, string> = {
  values: 'Values',
  range: 'Range (count)',
  uniform: 'Uniform',
  log_uniform_values: 'Log-uniform',
  int_uniform: 'Integer',
  q_uniform: 'Quantised (q)',
};

/** Which kinds a method takes: a grid enumerates, random and bayes sample. */
export function kindsFor(method: SweepMethod): readonly SweepRowKind[] {
  return method === 'grid' ? ['values', 'range'] : ['values', 'uniform', 'log_uniform_values', 'int_uniform', 'q_uniform'];
}

export interface SweepRow {
  path: string;
  kind: SweepRowKind;
  /** "0.001, 0.01, 0.1" */
  values: string;
  min: string;
  max: string;
  q: string;
  /** Grid ranges only. */
  count: string;
  /** Grid ranges only: spaced evenly in log. */
  log: boolean;
}

export type SweepRowField = 'path' | 'values' | 'min' | 'max' | 'q' | 'count';

export function sweepRow(path = 'lr', kind: SweepRowKind = 'values', values = ''): SweepRow {
  const known = SWEEP_PATHS.find((p) => p.path === path);
  return { path, kind, values, min: '', max: '', q: '', count: '3', log: known?.log ?? false };
}

/** A preset's parameter as a row. */
export function rowFromPreset(path: string, p: SweepPresetParameter): SweepRow {
  if ('values' in p) return sweepRow(path, 'values', p.values.join(', '));
  return { ...sweepRow(path, p.distribution), min: String(p.min), max: String(p.max), q: 'q' in p ? String(p.q) : '' };
}

/** The row as `method` takes it: a grid range becomes a distribution and back, so switching keeps the numbers. */
export function rowForMethod(row: SweepRow, method: SweepMethod): SweepRow {
  if (kindsFor(method).includes(row.kind)) return row;
  if (method === 'grid') return { ...row, kind: 'range', log: row.kind === 'log_uniform_values' };
  const integer = SWEEP_PATHS.find((p) => p.path === row.path)?.integer;
  return { ...row, kind: row.log ? 'log_uniform_values' : integer ? 'int_uniform' : 'uniform' };
}

const NUMERIC_PATHS = new Set(SWEEP_PATHS.map((p) => p.path));
const num = (text: string) => (text.trim() === '' ? NaN : Number(text));

export interface ParsedRow {
  readonly parameter: Record<string, unknown> | null;
  readonly errors: Partial<Record<SweepRowField, string>>;
  /** How many values a grid row gives (null for sampled rows or when it does not read). */
  readonly gridValues: number | null;
}

/** One row as a sweep parameter; every problem by field, as the service's schema would name it. */
export function parseRow(row: SweepRow): ParsedRow {
  if (row.kind === 'values') {
    const all: GridValue[] = parseValueList(row.values);
    const words = NUMERIC_PATHS.has(row.path.trim()) ? all.filter((v) => typeof v !== 'number') : [];
    if (all.length === 0) return { parameter: null, errors: { values: 'give at least one value' }, gridValues: null };
    if (words.length)
      return {
        parameter: null,
        errors: { values: `not ${words.length === 1 ? 'a number' : 'numbers'}: ${words.map((w) => `“${String(w)}”`).join(', ')}` },
        gridValues: null,
      };
    return { parameter: { values: all }, errors: {}, gridValues: new Set(all).size };
  }
  const errors: Partial<Record<SweepRowField, string>> = {};
  const min = num(row.min);
  const max = num(row.max);
  if (!Number.isFinite(min)) errors.min = 'a number';
  if (!Number.isFinite(max)) errors.max = 'a number';
  if (!errors.min && !errors.max && !(max > min)) errors.max = `must be more than min (${min})`;
  const log = row.kind === 'log_uniform_values' || (row.kind === 'range' && row.log);
  if (!errors.min && log && min <= 0) errors.min = 'must be > 0 on a log scale';
  if (row.kind === 'int_uniform') {
    if (!errors.min && !Number.isInteger(min)) errors.min = 'a whole number';
    if (!errors.max && !Number.isInteger(max)) errors.max = 'a whole number';
  }
  const q = num(row.q);
  if (row.kind === 'q_uniform') {
    if (!(q > 0)) errors.q = 'a step > 0';
    else if (!errors.min && !errors.max && Math.ceil(min / q - 1e-9) > Math.floor(max / q + 1e-9)) errors.q = `no multiple of ${q} lies between min and max`;
  }
  const count = num(row.count);
  if (row.kind === 'range' && (!Number.isInteger(count) || count < 1)) errors.count = 'a whole number ≥ 1';
  if (Object.keys(errors).length) return { parameter: null, errors, gridValues: null };
  if (row.kind === 'range')
    return {
      parameter: { min, max, count, ...(log && { log: true }), ...(SWEEP_PATHS.find((p) => p.path === row.path)?.integer && { integer: true }) },
      errors,
      gridValues: count,
    };
  return { parameter: { distribution: row.kind, min, max, ...(row.kind === 'q_uniform' && { q }) }, errors, gridValues: null };
}

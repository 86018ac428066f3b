// The grid-search form: parameter rows (values or ranges per config path) and their translation to a GridSpec,
// validated with the contract's schema and every problem placed on its row.
import type { GridValue } from '../../../shared/grid-expand';
import { gridSize } from '../../../shared/grid-expand';
import { gridSpecSchema, type GridSpecInput } from '../../../shared/grid-spec';
import { mlpSpec } from '../../../shared/model-presets';
import type { ActivationType } from '../../../engine/models/spec';
import type { RunConfigInput } from '../../../shared/run-config';
import { readableMessage } from './field-errors';

/** The parameters offered by name; any other dotted config path can be typed. */
/** The paths the form offers; `words` marks those whose values are words, not numbers. */
export const GRID_PATHS: readonly { path: string; label: string; integer?: boolean; log?: boolean; words?: boolean }[] = [
  { path: 'lr', label: 'Learning rate', log: true },
  { path: 'l2', label: 'L2 strength', log: true },
  { path: 'hidden', label: 'Hidden sizes (MLP)', words: true },
  { path: 'batchSize', label: 'Batch size', integer: true },
  { path: 'epochs', label: 'Epochs', integer: true },
  { path: 'optimizer.momentum', label: 'Momentum' },
  { path: 'schedule.decay', label: 'LR decay (1/t)', log: true },
  { path: 'schedule.per', label: 'LR decay moves per (step, epoch)', words: true },
  { path: 'model.init', label: 'Weight init (auto, he, xavier, normal:std)', words: true },
  { path: 'normalize', label: 'Input scaling (none, standardize)', words: true },
  { path: 'seed', label: 'Seed', integer: true },
  { path: 'validationSplit', label: 'Validation split' },
];

export interface GridRow {
  path: string;
  mode: 'values' | 'range';
  /** "0.001, 0.01, 0.1" — or for hidden sizes "64 64; 128 64". */
  values: string;
  min: string;
  max: string;
  count: string;
  log: boolean;
  integer: boolean;
}

export function gridRow(path = 'lr', values = ''): GridRow {
  const known = GRID_PATHS.find((p) => p.path === path);
  return { path, mode: 'values', values, min: '', max: '', count: '3', log: known?.log ?? false, integer: known?.integer ?? false };
}

export type GridErrors = Record<string, string>;

/** "64 64; 128,64" → [[64, 64], [128, 64]]. */
export function parseHiddenList(text: string): number[][] | null {
  const groups = text.split(/[;|]/).map((g) =>
    g
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number),
  );
  if (groups.length === 0 || groups.some((g) => g.length === 0 || g.some((n) => !Number.isInteger(n) || n < 1))) return null;
  return groups;
}

/** "auto, normal:0.01" → [{ type: 'auto' }, { type: 'normal', std: 0.01 }]; null when a token is not TYPE or TYPE:STD. */
export function parseInitList(text: string): { type: string; std?: number }[] | null {
  const tokens = text.split(/[,;\s]+/).filter(Boolean);
  const inits = tokens.map((t) => {
    const m = /^(auto|he|xavier|normal)(?::([^:]+))?$/.exec(t);
    if (!m) return null;
    const std = m[2] === undefined ? undefined : Number(m[2]);
    return std !== undefined && !Number.isFinite(std) ? null : { type: m[1]!, ...(std !== undefined && { std }) };
  });
  return inits.length === 0 || inits.some((i) => i === null) ? null : (inits as { type: string; std?: number }[]);
}

/** "0.01, 0.05, relu, true" → [0.01, 0.05, "relu", true]: numbers where they parse, else strings. */
export function parseValueList(text: string): GridValue[] {
  return text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((t) => (t === 'true' ? true : t === 'false' ? false : Number.isFinite(Number(t)) ? Number(t) : t));
}

export interface GridBuild {
  readonly spec: GridSpecInput | null;
  readonly errors: GridErrors;
  readonly cells: number | null;
}

/**
 * Builds the spec from the base config (already validated by the run form) and the rows. Every problem is
 * reported at once: a row that does not read does not hide the schema's word on the others. `cells` counts
 * only values that read (null while a row has none).
 * `activation` and `input` describe the MLP for a "hidden" row (it becomes a `model` parameter).
 */
export function buildGridSpec(
  base: RunConfigInput,
  rows: readonly GridRow[],
  extra: { name?: string; runCap?: string; parentGridId?: number | null; activation?: string; classes?: number } = {},
): GridBuild {
  const errors: GridErrors = {};
  // No prototype: a typed-in path like "__proto__" or "constructor" is a key like any other (the service refuses it).
  const parameters = Object.create(null) as Record<string, object>;
  let emptyRow = false;
  rows.forEach((row, i) => {
    const path = row.path.trim();
    if (!path) return void ((errors[`rows.${i}.path`] = 'choose a parameter'), (emptyRow = true));
    const key = path === 'hidden' ? 'model' : path;
    if (Object.hasOwn(parameters, key)) return void (errors[`rows.${i}.path`] = 'this parameter is already in the grid');
    const parsed = parseRow(row, path, base, extra);
    Object.assign(errors, Object.fromEntries(Object.entries(parsed.errors).map(([f, m]) => [`rows.${i}.${f}`, m])));
    if (parsed.parameter) parameters[key] = parsed.parameter;
    else emptyRow = true;
  });
  if (rows.length === 0) errors._grid = 'add at least one parameter to vary';
  const runCap = extra.runCap?.trim() ? Number(extra.runCap) : undefined;
  if (runCap !== undefined && (!Number.isInteger(runCap) || runCap < 1)) errors.runCap = 'a whole number ≥ 1';

  const spec: GridSpecInput = {
    ...(extra.name?.trim() ? { name: extra.name.trim() } : {}),
    base,
    parameters: parameters as GridSpecInput['parameters'],
    ...(runCap !== undefined && errors.runCap === undefined ? { run_cap: runCap } : {}),
    ...(extra.parentGridId ? { parentGridId: extra.parentGridId } : {}),
  };
  const cells = emptyRow || rows.length === 0 ? null : safeSize(spec);
  if (Object.keys(parameters).length > 0) schemaErrors(spec, rows, errors);
  return { spec: Object.keys(errors).length === 0 ? spec : null, errors, cells };
}

/** A config path whose values must be numbers (a typed path may take words: `optimizer.type`, `augment.…`). */
const NUMERIC_PATHS = new Set(GRID_PATHS.filter((p) => !p.words).map((p) => p.path));

/** One row as a grid parameter, and what is wrong with it by field; no parameter when nothing in it reads. */
function parseRow(
  row: GridRow,
  path: string,
  base: RunConfigInput,
  extra: { activation?: string; classes?: number },
): { parameter: object | null; errors: Partial<Record<'values' | 'min' | 'max' | 'count', string>> } {
  if (path === 'hidden') {
    const groups = parseHiddenList(row.values);
    if (!groups) return { parameter: null, errors: { values: 'layer sizes per option, options separated by ";" — e.g. 64 64; 128 64' } };
    const act = (extra.activation ?? 'relu') as ActivationType;
    // Each option keeps the base model's init (a hidden-size row replaces the whole model).
    const init = base.model.init;
    const values = groups.map((hidden) => ({
      ...mlpSpec({ hidden, activation: act, classes: extra.classes ?? 10, input: base.model.input as [number, number, number] }),
      ...(init && { init }),
    }));
    return { parameter: { values }, errors: {} };
  }
  if (path === 'model.init') {
    const inits = parseInitList(row.values);
    if (!inits) return { parameter: null, errors: { values: 'inits separated by commas — e.g. auto, he, normal:0.01' } };
    return { parameter: { values: inits }, errors: {} };
  }
  if (row.mode === 'values') {
    const all = parseValueList(row.values);
    const values = NUMERIC_PATHS.has(path) ? all.filter((v) => typeof v === 'number') : all;
    const words = all.filter((v) => !values.includes(v));
    if (all.length === 0) return { parameter: null, errors: { values: 'give at least one value' } };
    const errors = words.length ? { values: `not ${words.length === 1 ? 'a number' : 'numbers'}: ${words.map((w) => `“${String(w)}”`).join(', ')}` } : {};
    return { parameter: values.length ? { values } : null, errors };
  }
  const errors: Partial<Record<'min' | 'max' | 'count', string>> = {};
  const min = Number(row.min);
  const max = Number(row.max);
  const count = Number(row.count);
  if (row.min.trim() === '' || !Number.isFinite(min)) errors.min = 'a number';
  if (row.max.trim() === '' || !Number.isFinite(max)) errors.max = 'a number';
  if (!Number.isInteger(count) || count < 1) errors.count = 'a whole number ≥ 1';
  if (Object.keys(errors).length) return { parameter: null, errors };
  return { parameter: { min, max, count, ...(row.log ? { log: true } : {}), ...(row.integer ? { integer: true } : {}) }, errors };
}

/**
 * The schema's word on the spec, added to `errors`. It stops at the first bad cell, so when the spec fails each
 * parameter is also checked alone against the base: every row with a bad value shows it at once. (Alone only
 * then: a value may need another parameter, e.g. a momentum the varied optimizer takes.)
 */
function schemaErrors(spec: GridSpecInput, rows: readonly GridRow[], errors: GridErrors): void {
  const whole = gridSpecSchema.safeParse(spec);
  if (whole.success) return;
  const alone = Object.entries(spec.parameters).map(([key, p]) => gridSpecSchema.safeParse({ ...spec, run_cap: undefined, parameters: { [key]: p } }));
  for (const parsed of [whole, ...alone]) {
    for (const issue of parsed.error?.issues ?? []) errors[gridFieldOf(issue.path.map(String), rows)] ??= readableMessage(issue.message);
  }
}

function safeSize(spec: GridSpecInput): number | null {
  try {
    return gridSize(spec as never).runs;
  } catch {
    return null;
  }
}

/** Where a spec problem goes: its row ("rows.1.values"), the base config ("base.lr"), or the grid as a whole. */
export function gridFieldOf(path: readonly string[], rows: readonly GridRow[]): string {
  if (path[0] === 'parameters' && path[1]) {
    const i = rows.findIndex((r) => (r.path === 'hidden' ? 'model' : r.path.trim()) === path[1]);
    if (i >= 0) {
      const part = path[2];
      return `rows.${i}.${part === 'min' || part === 'max' || part === 'count' ? part : 'values'}`;
    }
  }
  if (path[0] === 'base' && path.length > 1) return `base.${path.slice(1).join('.')}`;
  if (path[0] === 'run_cap') return 'runCap';
  return '_grid';
}

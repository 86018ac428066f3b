// Expands a grid spec into its cells (the Cartesian product, first parameter slowest) and validates each as a RunConfig.
import type { ModelSpec } from '../engine/models/spec';
import { describeConfigPath, describeModel } from './describe-model';
import { runConfigSchema, type RunConfig } from './run-config';
import { ValidationError } from './validation';

/** Any JSON value: what one grid parameter can take. */
export type GridValue = string | number | boolean | null | GridValue[] | { [key: string]: GridValue };

/** The fields of a grid spec the expansion reads (structural, so the schema can call it without a type cycle). */
export interface GridPlanSource {
  readonly base: Readonly<Record<string, unknown>>;
  readonly parameters: Readonly<Record<string, GridParameterSource>>;
  readonly run_cap?: number | undefined;
}

export interface GridParameterSource {
  readonly values?: readonly GridValue[] | undefined;
  readonly value?: GridValue | undefined;
  readonly min?: number | undefined;
  readonly max?: number | undefined;
  readonly count?: number | undefined;
  readonly log?: boolean | undefined;
  readonly integer?: boolean | undefined;
}

export interface GridCellPlan {
  /** Position in expansion order, from 0. */
  readonly index: number;
  readonly params: Readonly<Record<string, GridValue>>;
  readonly config: RunConfig;
}

const MAX_RUNS_WITHOUT_CAP = 1000;
/** Most values one parameter may take (a list's length, a range's count). */
export const MAX_PARAMETER_VALUES = 1000;

/** The values of one parameter, in order. A range gives `count` values from min to max inclusive. */
export function parameterValues(p: GridParameterSource): GridValue[] {
  if (p.values) return [...p.values];
  if (p.value !== undefined) return [p.value];
  const { min = 0, max = 0, count = 1 } = p;
  // The schema bounds count; a spec that skipped it must not make this loop run 2^53 times.
  if (!Number.isInteger(count) || count < 1 || count > MAX_PARAMETER_VALUES)
    throw new RangeError(`count must be an integer in [1, ${MAX_PARAMETER_VALUES}], got ${count}`);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1);
    let v = p.log ? Math.exp(Math.log(min) + t * (Math.log(max) - Math.log(min))) : min + t * (max - min);
    // NOTE: round away float noise (10^-2 comes out as 0.010000000000000002), and hit the ends exactly.
    v = i === 0 ? min : i === count - 1 ? max : Number(v.toPrecision(12));
    out.push(p.integer ? Math.round(v) : v);
  }
  return out;
}

/** Cells in the full product and cells that will run (after run_cap). */
export function gridSize(spec: GridPlanSource): { cells: number; runs: number } {
  let cells = 1;
  for (const p of Object.values(spec.parameters)) cells *= parameterValues(p).length;
  return { cells, runs: Math.min(cells, spec.run_cap ?? cells) };
}

/** Why a grid is invalid, as a path into the spec and a message; null when every cell is a valid config. */
export function checkGridCells(spec: GridPlanSource): { path: (string | number)[]; message: string } | null {
  try {
    expandGrid(spec);
    return null;
  } catch (e) {
    if (!(e instanceof GridError)) throw e;
    return { path: e.path, message: e.reason };
  }
}

class GridError extends ValidationError {
  constructor(
    readonly path: (string | number)[],
    reason: string,
  ) {
    super(path.join('.'), reason);
  }
}

/**
 * Every cell of the grid with its parameter values and validated config.
 * @throws ValidationError naming the spec field, e.g. "parameters.lr.values.2: Too big: expected number to be <=10".
 */
export function expandGrid(spec: GridPlanSource): GridCellPlan[] {
  const keys = Object.keys(spec.parameters);
  const lists = keys.map((k) => parameterValues(spec.parameters[k]!));
  const { cells, runs } = gridSize(spec);
  if (spec.run_cap === undefined && cells > MAX_RUNS_WITHOUT_CAP) {
    throw new GridError(['parameters'], `the grid has ${cells} cells, more than ${MAX_RUNS_WITHOUT_CAP}: narrow it or set run_cap`);
  }
  const plans: GridCellPlan[] = [];
  for (let index = 0; index < runs; index++) {
    const picks = picksOf(index, lists);
    const params: Record<string, GridValue> = {};
    const draft = JSON.parse(JSON.stringify(spec.base)) as Record<string, unknown>;
    keys.forEach((k, j) => {
      const value = lists[j]![picks[j]!]!;
      params[k] = value;
      setPath(draft, k, value);
    });
    const parsed = runConfigSchema.safeParse(draft);
    if (!parsed.success) throw cellError(parsed.error.issues[0]!, keys, picks, spec.parameters);
    plans.push({ index, params, config: parsed.data });
  }
  return plans;
}

/** Which value of each parameter cell `index` takes: mixed-radix digits, last parameter fastest (nested loops in key order). */
function picksOf(index: number, lists: readonly (readonly GridValue[])[]): number[] {
  const picks: number[] = new Array<number>(lists.length);
  let rest = index;
  for (let j = lists.length - 1; j >= 0; j--) {
    picks[j] = rest % lists[j]!.length;
    rest = Math.floor(rest / lists[j]!.length);
  }
  return picks;
}

/**
 * A problem with the config of cell `index` (e.g. "dataset.path": no such folder) as an error on the spec field
 * that set it: the parameter value ("parameters.dataset.values.1"), else the base ("base.dataset.path").
 */
export function gridCellError(spec: GridPlanSource, index: number, field: string, reason: string): ValidationError {
  const keys = Object.keys(spec.parameters);
  const picks = picksOf(
    index,
    keys.map((k) => parameterValues(spec.parameters[k]!)),
  );
  return cellError({ path: field.split('.'), message: reason, code: 'custom' }, keys, picks, spec.parameters);
}

const isModelValue = (v: GridValue): v is GridValue & ModelSpec =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Array.isArray((v as { layers?: unknown }).layers);

/** A parameter value in words: a model by its layers, a typed object by its type and settings ("momentum 0.9"). */
export function describeGridValue(v: GridValue): string {
  if (isModelValue(v)) return describeModel(v);
  if (typeof v !== 'object' || v === null) return String(v);
  if (Array.isArray(v) || typeof v.type !== 'string') return JSON.stringify(v);
  const type = v.type;
  // A setting named like its type reads as the type's number: {type: 'momentum', momentum: 0.9} → "momentum 0.9".
  const settings = Object.entries(v).flatMap(([k, x]) => (k === 'type' ? [] : k === type ? [JSON.stringify(x)] : [`${k} ${JSON.stringify(x)}`]));
  return [type, ...settings].join(' ');
}

/**
 * "lr=0.01 l2=0.001": a cell's label for run names and tables. Models, optimizers and layer paths are named by what
 * they are ("model=hidden 128·64 relu", "optimizer=momentum 0.9", "hidden 1 activation=tanh"), `model` being the
 * cell's model.
 */
export function describeCell(params: Readonly<Record<string, GridValue>>, model?: ModelSpec): string {
  return Object.entries(params)
    .map(([k, v]) => `${describeConfigPath(k, model)}=${describeGridValue(v)}`)
    .join(' ');
}

function setPath(target: Record<string, unknown>, path: string, value: GridValue): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  for (const part of parts.slice(0, -1)) {
    // Own properties only: a part like "toString" must not walk into Object.prototype.
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = JSON.parse(JSON.stringify(value)) as unknown;
}

/** Blames the parameter whose path overlaps the bad field, else the base. */
function cellError(
  issue: { path: PropertyKey[]; message: string; code: string; keys?: string[] },
  keys: string[],
  picks: number[],
  parameters: Readonly<Record<string, GridParameterSource>>,
): GridError {
  const fieldParts = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path.map(String), issue.keys[0]!] : issue.path.map(String);
  const field = fieldParts.join('.');
  const reason = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  const j = keys.findIndex((k) => field === k || field.startsWith(`${k}.`) || k.startsWith(`${field}.`));
  if (j < 0) return new GridError(['base', ...fieldParts], reason);
  const key = keys[j]!;
  const where = parameters[key]!.values ? ['parameters', key, 'values', picks[j]!] : ['parameters', key];
  const inner = field === key ? '' : `${field}: `;
  return new GridError(where, `${inner}${reason}`);
}

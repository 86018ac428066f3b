// The columns of a run table: run fields, scores ("best.testAccuracy") and config paths ("lr", "optimizer.type").
import type { EpochScores, RunSummary } from '../../shared/api-types';
import { ValidationError } from '../../shared/validation';

export type CellValue = string | number | null;

/** How a column is shown: text as it is, numbers shortest, accuracies as %, losses to 4 places. */
export type ColumnKind = 'text' | 'number' | 'percent' | 'loss';

export interface TableColumn {
  readonly id: string;
  /** Header in Markdown and LaTeX (CSV uses the id, which reads back unambiguously). */
  readonly label: string;
  readonly kind: ColumnKind;
  value(run: RunSummary): CellValue;
}

type ScoreKey = Exclude<keyof EpochScores, 'epoch'>;

// NOTE: Maps, not object literals: column ids come from the request, and "constructor" or "toString" must not
// find Object.prototype's members (they did: a 500, and a CSV cell reading "function Object() { [native code] }").
const SCORE_FIELDS: ReadonlyMap<string, { key: ScoreKey; label: string; kind: ColumnKind }> = new Map(
  (
    [
      ['trainLoss', 'train loss (batches)', 'loss'],
      ['trainAccuracy', 'train acc., batches (%)', 'percent'],
      ['trainPassLoss', 'train loss (full pass)', 'loss'],
      ['trainPassAccuracy', 'train acc., full pass (%)', 'percent'],
      ['testLoss', 'test loss', 'loss'],
      ['testAccuracy', 'test acc. (%)', 'percent'],
      ['valLoss', 'val. loss', 'loss'],
      ['valAccuracy', 'val. acc. (%)', 'percent'],
    ] as const
  ).map(([key, label, kind]) => [key, { key, label, kind }]),
);

const RUN_FIELDS: ReadonlyMap<string, Omit<TableColumn, 'id'>> = new Map([
  ['id', { label: 'run', kind: 'number', value: (r) => r.id }],
  ['name', { label: 'name', kind: 'text', value: (r) => r.name }],
  ['status', { label: 'status', kind: 'text', value: (r) => r.status }],
  ['dataset', { label: 'dataset', kind: 'text', value: (r) => r.datasetTitle }],
  ['tags', { label: 'tags', kind: 'text', value: (r) => r.tags.join(' ') }],
  ['epochsDone', { label: 'epochs', kind: 'number', value: (r) => r.epochsDone }],
  [
    'seconds',
    {
      label: 'time (s)',
      kind: 'number',
      value: (r) => (r.startedAt !== null && r.finishedAt !== null ? Math.round((r.finishedAt - r.startedAt) / 100) / 10 : null),
    },
  ],
] satisfies [string, Omit<TableColumn, 'id'>][]);

/** Scores shown after the varied parameters when no columns are asked for. */
export const DEFAULT_SCORE_COLUMNS = ['final.trainAccuracy', 'final.trainPassAccuracy', 'final.testLoss', 'final.testAccuracy', 'best.testAccuracy', 'best.epoch'];

/** The value at a dotted path ("optimizer.momentum", "model.layers.1.units"), or undefined. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function configCell(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** One column by id; `field` names the request field for the error. @throws ValidationError for an unknown id. */
export function columnFor(id: string, runs: readonly RunSummary[], field: string): TableColumn {
  const known = RUN_FIELDS.get(id);
  if (known) return { id, ...known };
  const scoreId = /^(final|best)\.(\w+)$/.exec(id);
  if (scoreId) {
    const [, which, key] = scoreId as unknown as [string, 'final' | 'best', string];
    if (key === 'epoch') return { id, label: `${which} epoch`, kind: 'number', value: (r) => (r[which] ? r[which].epoch + 1 : null) };
    const score = SCORE_FIELDS.get(key);
    if (!score) throw new ValidationError(field, `unknown score "${key}" (known: epoch, ${[...SCORE_FIELDS.keys()].join(', ')})`);
    const label = which === 'best' ? `best ${score.label}` : score.label;
    return { id, label, kind: score.kind, value: (r) => r[which]?.[score.key] ?? null };
  }
  const path = id.startsWith('config.') ? id.slice('config.'.length) : id;
  if (!runs.some((r) => valueAtPath(r.config, path) !== undefined)) {
    throw new ValidationError(
      field,
      `unknown column "${id}": use a config path like "lr" or "optimizer.type", a score like "best.testAccuracy", or one of ${[...RUN_FIELDS.keys()].join(', ')}`,
    );
  }
  const kind: ColumnKind = runs.every((r) => ['number', 'undefined'].includes(typeof valueAtPath(r.config, path))) ? 'number' : 'text';
  return { id, label: path, kind, value: (r) => configCell(valueAtPath(r.config, path)) };
}

/** Every leaf of a config as path → JSON text (array items by index). */
function leaves(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === 'object' && value !== null) {
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
export function tableColumns(runs: readonly RunSummary[], ids?: readonly string[], params?: readonly string[]): TableColumn[] {
  if (ids) return ids.map((id, i) => columnFor(id, runs, `columns.${i}`));
  const varied = params ?? variedPaths(runs);
  return ['name', ...varied, ...DEFAULT_SCORE_COLUMNS].map((id) => columnFor(id, runs, 'columns'));
}

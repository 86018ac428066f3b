// The columns of a runs table, one list for the screen and its exports: run fields ("status", "model"), scores
// ("best.testAccuracy") and any config path ("optimizer.momentum", "config.epochs"), each with its header and kind.
import type { RunSummary } from './api-types';
import { describeDataset, describeOptimizer } from './describe-config';
import { describeConfigPath, describeModel } from './describe-model';

export type CellValue = string | number | null;

/** How a value reads: text as it is, numbers shortest, hyper-parameters like 1e-3, accuracies in %, losses to 4 places. */
export type ColumnKind = 'text' | 'number' | 'param' | 'percent' | 'loss' | 'seconds' | 'time';

export interface RunColumn {
  /** What a table, a saved view and an export call name it by. */
  readonly id: string;
  /** Its header, short. */
  readonly label: string;
  /** What it holds, for a tooltip. */
  readonly title: string;
  readonly kind: ColumnKind;
  /** The raw value (accuracies as fractions, durations in seconds, times in ms); `now` times a live run. */
  value(run: RunSummary, now: number): CellValue;
}

type Builtin = Omit<RunColumn, 'id'>;

const seconds = (run: RunSummary, now: number): number | null =>
  run.startedAt === null ? null : Math.round(Math.max(0, (run.finishedAt ?? now) - run.startedAt) / 100) / 10;

/** Run fields and the config fields every run has, by id. A Map: ids come from users and must never reach a prototype. */
const BUILTIN: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['id', { label: '#', title: 'Run id', kind: 'number', value: (r) => r.id }],
  ['name', { label: 'Run', title: 'Run name', kind: 'text', value: (r) => r.name }],
  ['status', { label: 'Status', title: 'Status', kind: 'text', value: (r) => r.status }],
  ['dataset', { label: 'Dataset', title: 'Dataset', kind: 'text', value: (r) => describeDataset(r.config) }],
  ['model', { label: 'Model', title: 'Model, by its layers', kind: 'text', value: (r) => describeModel(r.config.model) }],
  ['optimizer', { label: 'Optimizer', title: 'Optimizer', kind: 'text', value: (r) => describeOptimizer(r.config.optimizer) }],
  ['lr', { label: 'LR', title: 'Learning rate', kind: 'param', value: (r) => r.config.lr }],
  ['l2', { label: 'L2', title: 'L2 strength', kind: 'param', value: (r) => r.config.l2 }],
  ['batchSize', { label: 'Batch', title: 'Batch size', kind: 'number', value: (r) => r.config.batchSize }],
  ['seed', { label: 'Seed', title: 'Seed', kind: 'number', value: (r) => r.config.seed }],
  ['epochsDone', { label: 'Epochs', title: 'Epochs trained', kind: 'number', value: (r) => r.epochsDone }],
  ['seconds', { label: 'Duration', title: 'Training time in seconds', kind: 'seconds', value: seconds }],
  ['created', { label: 'Created', title: 'When the run was created', kind: 'time', value: (r) => r.createdAt }],
  ['tags', { label: 'Tags', title: 'Tags', kind: 'text', value: (r) => r.tags.join(' ') }],
  ['gridId', { label: 'Grid', title: 'The grid this run is a cell of', kind: 'number', value: (r) => r.gridId }],
  [
    'worker',
    {
      label: 'Worker',
      title: 'The remote worker that trained it (empty: this machine)',
      kind: 'text',
      value: (r) => r.worker ?? (r.placement === 'workers' ? 'waiting' : ''),
    },
  ],
]);

/** Scores of an epoch by key: the split and what is measured. */
const SCORES: ReadonlyMap<string, { split: string; what: 'accuracy' | 'loss' }> = new Map([
  // Train scores two ways: the mean over the epoch's batches (as the report's table has it), and a full pass.
  ['trainAccuracy', { split: 'train (batches)', what: 'accuracy' }],
  ['trainLoss', { split: 'train (batches)', what: 'loss' }],
  ['trainPassAccuracy', { split: 'train (full pass)', what: 'accuracy' }],
  ['trainPassLoss', { split: 'train (full pass)', what: 'loss' }],
  ['testAccuracy', { split: 'test', what: 'accuracy' }],
  ['testLoss', { split: 'test', what: 'loss' }],
  ['valAccuracy', { split: 'val', what: 'accuracy' }],
  ['valLoss', { split: 'val', what: 'loss' }],
]);
const WHEN = { final: 'after the last epoch', best: 'at the best epoch' } as const;

/** The table's columns until the user picks others (the dataset is one pick away: most tables hold one). */
export const DEFAULT_RUN_COLUMNS: readonly string[] = [
  'name',
  'status',
  'best.testAccuracy',
  'final.testAccuracy',
  'model',
  'optimizer',
  'lr',
  'l2',
  'batchSize',
  'epochsDone',
  'seconds',
  'created',
];

/** A column id as the contract accepts it: a field, a score or a dotted config path. */
export const COLUMN_ID = /^[A-Za-z_]\w*(\.\w+)*$/;
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** The value at a dotted path ("optimizer.momentum", "model.layers.1.units"), or undefined; own fields only. */
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

function scoreColumn(id: string, which: 'final' | 'best', key: string): RunColumn | string {
  if (key === 'epoch')
    return {
      id,
      label: `${which === 'best' ? 'Best' : 'Final'} epoch`,
      title: `Epoch of the ${which} scores (from 1)`,
      kind: 'number',
      value: (r) => (r[which] ? r[which].epoch + 1 : null),
    };
  const score = SCORES.get(key);
  if (!score) return `unknown score "${key}" (known: epoch, ${[...SCORES.keys()].join(', ')})`;
  const label = `${which === 'best' ? 'Best' : 'Final'} ${score.split}${score.what === 'loss' ? ' loss' : ''}`;
  const title = `${score.split[0]!.toUpperCase()}${score.split.slice(1)} ${score.what} ${WHEN[which]}`;
  const read = key as 'trainAccuracy';
  return { id, label, title, kind: score.what === 'loss' ? 'loss' : 'percent', value: (r) => r[which]?.[read] ?? null };
}

/**
 * The column named `id`, or why there is none: a run field, a score ("final.testLoss", "best.epoch") or a config path
 * ("optimizer.momentum", or "config.epochs" where the name is also a field's) that at least one of `runs` has.
 */
export function resolveColumn(id: string, runs: readonly RunSummary[]): RunColumn | string {
  if (!COLUMN_ID.test(id) || id.split('.').some((p) => RESERVED.has(p)))
    return `"${id}" is not a column id: use a field, a score like "best.testAccuracy" or a config path like "optimizer.type"`;
  const builtin = BUILTIN.get(id);
  if (builtin) return { id, ...builtin };
  const score = /^(final|best)\.(\w+)$/.exec(id);
  if (score) return scoreColumn(id, score[1] as 'final' | 'best', score[2]!);
  const path = id.startsWith('config.') ? id.slice('config.'.length) : id;
  const values = runs.map((r) => valueAtPath(r.config, path));
  if (!values.some((v) => v !== undefined)) {
    return `unknown column "${id}": use a config path like "lr" or "optimizer.type", a score like "best.testAccuracy", or one of ${[...BUILTIN.keys()].join(', ')}`;
  }
  const numeric = values.every((v) => v === undefined || typeof v === 'number');
  // Layer paths are named by the layer they reach in the runs that have them, when those agree (else the path).
  const names = new Set(runs.filter((_, i) => values[i] !== undefined).map((r) => describeConfigPath(path, r.config.model)));
  // "optimizer.type" reads as "optimizer": the kind of thing is what the path names.
  const label = names.size === 1 ? [...names][0]!.replace(/^(\w+)\.type$/, '$1') : path;
  return { id, label, title: `Config: ${path}`, kind: numeric ? 'number' : 'text', value: (r) => configCell(valueAtPath(r.config, path)) };
}

/** Every column a user may pick for `runs`: the fields, the scores, then every config path some run has (layers by name). */
export function columnChoices(runs: readonly RunSummary[]): RunColumn[] {
  const ids = [...BUILTIN.keys()];
  for (const which of ['best', 'final']) ids.push(...[...SCORES.keys()].map((k) => `${which}.${k}`), `${which}.epoch`);
  const shown = new Set(['name', 'lr', 'l2', 'batchSize', 'seed', 'model']);
  const paths = new Set<string>();
  for (const r of runs) leafPaths(r.config, '', paths);
  for (const p of paths) if (!shown.has(p) && !p.startsWith('model.') && !p.startsWith('dataset.')) ids.push(BUILTIN.has(p) ? `config.${p}` : p);
  return ids.map((id) => resolveColumn(id, runs)).filter((c): c is RunColumn => typeof c !== 'string');
}

function leafPaths(value: unknown, prefix: string, out: Set<string>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.add(prefix);
}

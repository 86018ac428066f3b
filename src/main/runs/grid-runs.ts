// A grid search in the store: one `grid` experiment holding one queued run per cell, and cells matched back to runs.
import { describeConfigPath } from '../../shared/describe-model';
import { describeCell, expandGrid, type GridValue } from '../../shared/grid-expand';
import { type GridSpec, gridSpecSchema } from '../../shared/grid-spec';
import { toLabel } from '../../shared/text-rules';
import { parseWith, ValidationError } from '../../shared/validation';
import { type Experiment, NotFoundError, type Run, type Store } from '../db';

export interface CreatedGrid {
  readonly experiment: Experiment;
  /** One queued run per cell, in expansion order. */
  readonly runs: Run[];
}

export interface GridCellRun {
  readonly params: Readonly<Record<string, GridValue>>;
  readonly run: Run;
}


/**
 * Validates `input` as a grid spec (every cell a valid RunConfig), then creates the experiment and its
 * queued runs in one transaction; run names are the cell's values, e.g. `lr=0.01 l2=0.001`.
 * @throws ValidationError naming the spec field; NotFoundError for an unknown `parentGridId`.
 */
export function createGridRuns(store: Store, input: unknown): CreatedGrid {
  const spec = parseWith(gridSpecSchema, input);
  const cells = expandGrid(spec);
  return store.transaction(() => {
    if (spec.parentGridId !== undefined) {
      const parent = store.experiments.get(spec.parentGridId);
      if (!parent) throw new NotFoundError('experiment', spec.parentGridId);
      if (parent.kind !== 'grid') throw new ValidationError('parentGridId', `experiment ${spec.parentGridId} is a single run, not a grid`);
    }
    const model = cells[0]?.config.model;
    const name = spec.name ?? toLabel(`grid ${Object.keys(spec.parameters).map((k) => describeConfigPath(k, model)).join(' × ')}`);
    const { id } = store.experiments.create({ kind: 'grid', name, spec });
    const runs = cells.map((c) => store.runs.create({ config: c.config, name: toLabel(describeCell(c.params, c.config.model)), experimentId: id }));
    return { experiment: store.experiments.get(id)!, runs };
  });
}

/**
 * Pairs a grid's runs with the cells of its spec, by config: each cell's config is stored verbatim with
 * its run, so this survives renamed and deleted runs. Cells whose run was deleted are left out.
 */
export function gridCells(spec: GridSpec, runs: readonly Run[]): GridCellRun[] {
  const byConfig = new Map<string, Run[]>();
  for (const run of [...runs].sort((a, b) => a.id - b.id)) {
    const key = JSON.stringify(run.config);
    byConfig.set(key, [...(byConfig.get(key) ?? []), run]);
  }
  const out: GridCellRun[] = [];
  for (const cell of expandGrid(spec)) {
    const run = byConfig.get(JSON.stringify(cell.config))?.shift();
    if (run) out.push({ params: cell.params, run });
  }
  return out;
}

/**
 * Each cell's score for ranking: the final validation accuracy of a completed run, or its test accuracy with
 * `by: 'test'` or when some completed run holds no validation split; null for a run that did not complete.
 */
export function scoreCells(cells: readonly GridCellRun[], by?: 'validation' | 'test'): { params: GridCellRun['params']; score: number | null }[] {
  const done = cells.filter((c) => c.run.status === 'completed');
  const metric = by ?? (done.length > 0 && done.every((c) => c.run.validationAccuracy !== null) ? 'validation' : 'test');
  return cells.map(({ params, run }) => ({
    params,
    score: run.status !== 'completed' ? null : metric === 'validation' ? run.validationAccuracy : run.testAccuracy,
  }));
}

/** The grid experiment `id` with its spec and runs. @throws NotFoundError when there is no such grid. */
export function loadGrid(store: Store, id: number): { experiment: Experiment; spec: GridSpec; cells: GridCellRun[] } {
  const experiment = store.experiments.get(id);
  if (!experiment || experiment.kind !== 'grid') throw new NotFoundError('experiment', id);
  const spec = parseWith(gridSpecSchema, experiment.spec);
  return { experiment, spec, cells: gridCells(spec, store.runs.list({ experimentId: id })) };
}

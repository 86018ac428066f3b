// A grid search in the store: one `grid` experiment holding one queued run per cell, and cells matched back to runs.
// A grid that refines another reuses the completed runs of its parent whose config a cell repeats (the best cell,
// typically): they stay the parent's runs and count as the child's cells, nothing trains twice.
import { describeConfigPath } from '../../shared/describe-model';
import { describeCell, expandGrid, type GridValue } from '../../shared/grid-expand';
import { refineGridSpec, type RefineOptions } from '../../shared/grid-refine';
import { type GridSpec, type GridSpecInput, gridSpecSchema } from '../../shared/grid-spec';
import { toLabel } from '../../shared/text-rules';
import { parseWith, ValidationError } from '../../shared/validation';
import { type Experiment, NotFoundError, type Run, type Store } from '../db';

export interface CreatedGrid {
  readonly experiment: Experiment;
  /** One queued run per cell, in expansion order (a cell its parent grid already ran has none). */
  readonly runs: Run[];
  /** The parent grid's completed runs standing for cells of this one. */
  readonly reused: Run[];
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
    const name =
      spec.name ??
      toLabel(
        `grid ${Object.keys(spec.parameters)
          .map((k) => describeConfigPath(k, model))
          .join(' × ')}`,
      );
    const { id } = store.experiments.create({ kind: 'grid', name, spec });
    const done = new Map(parentRuns(store, spec).map((r) => [configKey(r.config), r]));
    const reused: Run[] = [];
    const runs: Run[] = [];
    for (const c of cells) {
      const earlier = done.get(configKey(c.config));
      if (earlier) {
        reused.push(earlier);
        done.delete(configKey(c.config));
      } else runs.push(store.runs.create({ config: c.config, name: toLabel(describeCell(c.params, c.config.model)), experimentId: id }));
    }
    return { experiment: store.experiments.get(id)!, runs, reused };
  });
}

/**
 * Pairs a grid's runs with the cells of its spec, by config: each cell's config is stored verbatim with
 * its run, so this survives renamed and deleted runs. Cells whose run was deleted are left out.
 */
export function gridCells(spec: GridSpec, runs: readonly Run[], reusable: readonly Run[] = []): GridCellRun[] {
  const byConfig = new Map<string, Run[]>();
  // The grid's own runs first (by id); then the parent's it may reuse.
  for (const run of [...[...runs].sort((a, b) => a.id - b.id), ...reusable]) {
    const key = configKey(run.config);
    byConfig.set(key, [...(byConfig.get(key) ?? []), run]);
  }
  const out: GridCellRun[] = [];
  for (const cell of expandGrid(spec)) {
    const run = byConfig.get(configKey(cell.config))?.shift();
    if (run) out.push({ params: cell.params, run });
  }
  return out;
}

/** Configs are stored as validated (keys in schema order), so equal configs have equal JSON. */
const configKey = (config: unknown) => JSON.stringify(config);

/** The completed runs of the grid `spec` refines (its own and those it reused), or none. */
function parentRuns(store: Store, spec: GridSpec): Run[] {
  if (spec.parentGridId === undefined) return [];
  const parent = store.experiments.get(spec.parentGridId);
  if (parent?.kind !== 'grid') return [];
  return loadGrid(store, parent.id)
    .cells.map((c) => c.run)
    .filter((r) => r.status === 'completed');
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
  return { experiment, spec, cells: gridCells(spec, store.runs.list({ experimentId: id }), parentRuns(store, spec)) };
}

/**
 * The finer second-stage grid around the best completed runs of grid `gridId` (see refineGridSpec), ranked
 * by final validation accuracy — or test accuracy with `by: 'test'` or when a run holds no validation split.
 */
export function proposeGridRefinement(store: Store, gridId: number, options: RefineOptions & { by?: 'validation' | 'test' } = {}): GridSpecInput {
  const { spec, cells } = loadGrid(store, gridId);
  return refineGridSpec(spec, gridId, scoreCells(cells, options.by), options);
}

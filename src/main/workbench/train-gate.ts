// The service's gate before anything trains: a run, a fork, a grid or a reproduction that could never train is a
// ValidationError naming the request's field, raised before a run row, a process or a report folder exists.
import type { ReproductionScaleName } from '../../shared/api-reproduction-types';
import { expandGrid, gridCellError } from '../../shared/grid-expand';
import { gridSpecSchema, type GridSpec } from '../../shared/grid-spec';
import { parseRunConfig, type DatasetRef, type RunConfig } from '../../shared/run-config';
import { cornerConfigs } from '../../shared/sweep-corners';
import type { SweepSpec } from '../../shared/sweep-spec';
import { parseWith, ValidationError } from '../../shared/validation';
import type { DatasetDirs } from '../datasets/locate';
import { EXPERIMENTS } from '../reproduce/experiments';
import { scaleFor } from '../reproduce/scale';
import { findUntrainable } from '../worker/preflight';

export class TrainGate {
  /** `dirs.folderBase` is the data folder: relative dataset folders are looked for there, as they train there. */
  constructor(private readonly dirs: DatasetDirs) {}

  /** A run's config; `overridden` (a fork's overrides) moves the blame to "overrides.<field>" for the fields it set. */
  async run(config: RunConfig, overridden?: Partial<RunConfig>): Promise<void> {
    const problem = await findUntrainable([config], this.dirs);
    if (!problem) return;
    const top = problem.field.split('.')[0]!;
    const field = overridden && Object.hasOwn(overridden, top) ? `overrides.${problem.field}` : problem.field;
    throw new ValidationError(field, problem.reason);
  }

  /** Every cell of a (validated) grid; the blame falls on the parameter value or the base field that made the cell. */
  async grid(spec: GridSpec): Promise<void> {
    const problem = await findUntrainable(
      expandGrid(spec).map((c) => c.config),
      this.dirs,
    );
    if (problem) throw gridCellError(spec, problem.index, problem.field, problem.reason);
  }

  /** A (validated) sweep at every corner of its space; the blame falls on the parameter that sets the field, else the base. */
  async sweep(spec: SweepSpec): Promise<void> {
    if (spec.method === 'grid') return this.grid({ ...spec, method: 'grid' });
    const problem = await findUntrainable(cornerConfigs(spec), this.dirs);
    if (!problem) return;
    const key = Object.keys(spec.parameters).find((k) => problem.field === k || problem.field.startsWith(`${k}.`) || k.startsWith(`${problem.field}.`));
    throw new ValidationError(key ? `parameters.${key}` : `base.${problem.field}`, problem.reason);
  }

  /**
   * The report's first experiments on `dataset` (the later ones take their models from these): a dataset that is
   * missing, or does not fit the report's 28×28, 10-class models, is blamed on `dataset`.
   */
  async reproduction(scale: ReproductionScaleName, dataset: DatasetRef): Promise<void> {
    const configs = EXPERIMENTS.filter((d) => d.needs.length === 0).flatMap((d) => {
      const plan = d.plan(scaleFor(scale, dataset), new Map());
      return plan.kind === 'grid' ? expandGrid(parseWith(gridSpecSchema, plan.spec)).map((c) => c.config) : plan.configs.map((c) => parseRunConfig(c));
    });
    const problem = await findUntrainable(configs, this.dirs);
    if (!problem) return;
    if (problem.field.startsWith('dataset')) throw new ValidationError(problem.field, problem.reason);
    throw new ValidationError('dataset', `does not fit the report's models (${problem.field}: ${problem.reason})`);
  }
}

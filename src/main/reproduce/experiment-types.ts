// The shapes shared by the experiment definitions, the pipeline that runs them, and the sections that report them.
import type { GridDetail, RunDetail } from '../../shared/api-types';
import type { GridSpecInput } from '../../shared/grid-spec';
import type { RunConfig, RunConfigInput } from '../../shared/run-config';
import type { ReproduceScale } from './scale';

/** `stage1` and `stage2` run the modern setup; their `-report` twins the report's setup; `ablation` switches one factor at a time. */
export const EXPERIMENT_IDS = [
  'activations',
  'stage1',
  'stage1-report',
  'stage2',
  'stage2-report',
  'ablation',
  'optimizers',
  'best-mlp',
  'cnn',
  'augmentation',
] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

/** What an experiment queues: one grid (recorded as a grid experiment) or single runs. */
export type Submission =
  | { readonly kind: 'grid'; readonly spec: GridSpecInput; readonly notes?: readonly string[] }
  | { readonly kind: 'runs'; readonly configs: readonly RunConfigInput[]; readonly notes?: readonly string[] };

/** An experiment's runs once every one of them has stopped. */
export interface ExperimentRuns {
  readonly id: ExperimentId;
  /** The grid holding the runs (its spec and cells), when the experiment is a grid. */
  readonly grid: GridDetail | null;
  /** In submission (grid expansion) order. */
  readonly runs: readonly RunDetail[];
  /** Choices the plan made from earlier results ("stage 2 seeded from …"), for the report's text. */
  readonly notes: readonly string[];
  /** Unix ms: queued, and the last run stopped. */
  readonly submittedAt: number;
  readonly finishedAt: number;
  /** Why nothing was queued (an experiment it needs had no finished run), else null. */
  readonly skipped: string | null;
}

export type DoneExperiments = ReadonlyMap<ExperimentId, ExperimentRuns>;

export interface ExperimentDef {
  readonly id: ExperimentId;
  /** The number of the report's section that shows it (1–8), and the course report's section it reproduces. */
  readonly number: number;
  readonly title: string;
  readonly reportSection: string;
  /** Experiments whose results choose this one's settings. */
  readonly needs: readonly ExperimentId[];
  /** The experiment whose section shows this one's runs beside its own (a grid under the other setup). */
  readonly partOf?: ExperimentId;
  /** The runs to queue. @throws Error when a needed result is missing (the experiment is then skipped). */
  plan(scale: ReproduceScale, done: DoneExperiments): Submission;
  /** The run's name in the workbench, from its validated config. */
  runName(config: RunConfig): string;
}

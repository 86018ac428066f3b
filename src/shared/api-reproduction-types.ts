// What the API says about a reproduction of the course report: its experiments, its runs, its report folder.
// Times are Unix milliseconds.
import type { DatasetRef } from './run-config';

/** The tag every reproduced run carries, to find them in the app (and to leave their news to the reproduction's page). */
export const REPRODUCE_TAG = 'reproduce';

export const REPRODUCTION_SCALES = ['quick', 'full'] as const;
export type ReproductionScaleName = (typeof REPRODUCTION_SCALES)[number];

/** `writing`: every run stopped and the report folder is being written. `interrupted`: the app stopped mid-way. */
export const REPRODUCTION_STATUSES = ['running', 'writing', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type ReproductionStatus = (typeof REPRODUCTION_STATUSES)[number];

/** `waiting`: on the experiments whose results choose its settings. */
export type ReproductionExperimentStatus = 'waiting' | 'queued' | 'finished' | 'skipped';

export interface ReproductionExperiment {
  readonly id: string;
  /** 1–7, as in issue 5 and the report's order. */
  readonly number: number;
  readonly title: string;
  readonly status: ReproductionExperimentStatus;
  readonly runIds: readonly number[];
  /** Runs of it that have stopped (completed, failed or cancelled). */
  readonly runsStopped: number;
  /** Why it was skipped, else null. */
  readonly skipped: string | null;
}

/** One line of the headline (the report's Table S): a quantity, ours and the course report's (shares in [0, 1]). */
export interface ReproductionHeadlineRow {
  readonly quantity: string;
  readonly ours: number | null;
  readonly report: number | null;
}

/** One cell of a grid table (the report's Tables 2 and 3): final test accuracy, the report's beside ours under each setup. */
export interface ReproductionComparisonRow {
  /** "lr 0.01 · [128, 64] · L2 0.001". */
  readonly cell: string;
  readonly report: number | null;
  readonly reportSetup: number | null;
  readonly modern: number | null;
}

export interface ReproductionComparisonTable {
  readonly id: string;
  readonly title: string;
  readonly rows: readonly ReproductionComparisonRow[];
}

export interface ReproductionSummary {
  /** Its name and its folder's: the start time, e.g. "2026-11-26T20-20-27". */
  readonly id: string;
  readonly scale: ReproductionScaleName;
  readonly dataset: DatasetRef;
  readonly status: ReproductionStatus;
  /** The tag on every run of it (filter the runs table by it). */
  readonly tag: string;
  /** The report folder on disk. */
  readonly folder: string;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly experiments: readonly ReproductionExperiment[];
  /** Why it failed or was interrupted, else null. */
  readonly error: string | null;
  /** The report folder's files, relative to it (empty until written): report.md, report.html, figures/…, tables/…. */
  readonly files: readonly string[];
  /** The last lines of its progress log, oldest first. */
  readonly log: readonly string[];
  /** Its headline numbers beside the report's, once its report is written (else null). */
  readonly headline: readonly ReproductionHeadlineRow[] | null;
  /** Its grid tables in three columns (report, ours under the report's setup, ours modern), once written (else null). */
  readonly gridTables: readonly ReproductionComparisonTable[] | null;
}

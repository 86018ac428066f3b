// One reproduction as the app follows it: its experiments' progress and its log, kept in a summary that is
// written to reproduction.json in its report folder at every change, so a restarted app can list it.
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReproductionExperiment, ReproductionHeadlineRow, ReproductionStatus, ReproductionSummary } from '../../shared/api-reproduction-types';
import type { ExperimentDef, ExperimentId, ExperimentRuns } from './experiment-types';
import { comparisonTablesIn } from './comparison-tables';
import type { PipelineHooks } from './pipeline';

/** The summary's file in the report folder. */
export const RECORD_FILE = 'reproduction.json';
/** Lines of log kept (the report itself has the full account). */
const LOG_LINES = 200;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class ReproductionRecord {
  private state: Mutable<ReproductionSummary>;
  private readonly experiments = new Map<string, Mutable<ReproductionExperiment>>();

  constructor(
    init: Omit<ReproductionSummary, 'status' | 'finishedAt' | 'experiments' | 'error' | 'files' | 'log' | 'headline' | 'gridTables'> & {
      log?: readonly string[];
    },
    defs: readonly ExperimentDef[],
    /** Called after every change (the app's event). */
    private readonly onChange: (summary: ReproductionSummary) => void,
  ) {
    for (const d of [...defs].sort((a, b) => a.number - b.number)) {
      this.experiments.set(d.id, { id: d.id, number: d.number, title: d.title, status: 'waiting', runIds: [], runsStopped: 0, skipped: null });
    }
    this.state = {
      ...init,
      status: 'running',
      finishedAt: null,
      experiments: [],
      error: null,
      files: [],
      log: [...(init.log ?? [])],
      headline: null,
      gridTables: null,
    };
    this.changed();
  }

  get summary(): ReproductionSummary {
    return { ...this.state, experiments: [...this.experiments.values()].map((e) => ({ ...e })), log: [...this.state.log] };
  }

  get active(): boolean {
    return this.state.status === 'running' || this.state.status === 'writing';
  }

  /** The pipeline's hooks, feeding this record. */
  hooks(): Required<PipelineHooks> {
    return {
      log: (line) => {
        this.state.log = [...this.state.log, line].slice(-LOG_LINES);
        this.changed();
      },
      queued: (id: ExperimentId, runIds) => this.update(id, { status: 'queued', runIds: [...runIds] }),
      runStopped: (id: ExperimentId) => {
        const e = this.experiments.get(id);
        if (e) this.update(id, { runsStopped: e.runsStopped + 1 });
      },
      finished: (r: ExperimentRuns) =>
        this.update(
          r.id,
          r.skipped ? { status: 'skipped', skipped: r.skipped } : { status: 'finished', runIds: r.runs.map((run) => run.id), runsStopped: r.runs.length },
        ),
    };
  }

  /** Every run stopped: the report is being written. */
  writing(): void {
    this.set('writing');
  }

  /** The end: `files` written (relative to the folder) and its headline, or why it failed or stopped. */
  end(
    status: Exclude<ReproductionStatus, 'running' | 'writing'>,
    details: { files?: readonly string[]; error?: string; headline?: readonly ReproductionHeadlineRow[] } = {},
  ): void {
    if (!this.active) return;
    this.state.files = [...(details.files ?? [])];
    this.state.headline = details.headline ? [...details.headline] : null;
    this.state.gridTables = comparisonTablesIn(this.state.folder, this.state.files);
    this.state.error = details.error ?? null;
    this.state.finishedAt = Date.now();
    this.set(status);
  }

  private set(status: ReproductionStatus): void {
    this.state.status = status;
    this.changed();
  }

  private update(id: string, patch: Partial<ReproductionExperiment>): void {
    const e = this.experiments.get(id);
    if (!e || !this.active) return;
    Object.assign(e, patch);
    this.changed();
  }

  private changed(): void {
    const summary = this.summary;
    // Write-then-rename: a crash mid-write never leaves a half file that the next start cannot read.
    const file = path.join(summary.folder, RECORD_FILE);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(summary, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    this.onChange(summary);
  }
}

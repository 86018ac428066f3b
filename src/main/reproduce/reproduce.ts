// The reproduction from start to finish: queue the experiments, wait for them, write the report folder.
import { EXPERIMENTS, QUEUE_ORDER } from './experiments';
import type { DoneExperiments } from './experiment-types';
import { ExperimentPipeline, type PipelineHooks, type ReproduceBackend } from './pipeline';
import type { ReproductionHeadlineRow } from '../../shared/api-reproduction-types';
import { buildReport, headlineRows, REPORT_TITLE } from './report-builder';
import { writeReportFolder } from './report-folder';
import type { ReproduceScale } from './scale';
import { storedExperiments } from './stored-runs';

export interface ReproduceOptions {
  readonly scale: ReproduceScale;
  /** The report folder (created if needed). */
  readonly outDir: string;
  /** The command line, printed in the report's header. */
  readonly command: string;
  /** Tagged on every run (see sessionTag), printed in the header: what `reportOnly` reads back. */
  readonly session: string;
  /** Train nothing: write the report of the earlier reproduction with this session tag. */
  readonly reportOnly?: string;
  readonly log?: (line: string) => void;
  /** Told as experiments are queued and finish (the app's progress view). */
  readonly progress?: Omit<PipelineHooks, 'log'>;
  /** Every run has stopped; the report folder is about to be written. */
  readonly beforeWriting?: () => void;
}

export interface ReproduceResult {
  readonly outDir: string;
  /** Files written, relative to outDir. */
  readonly files: readonly string[];
  readonly wallSeconds: number;
  readonly done: DoneExperiments;
  /** Its headline numbers beside the report's (Table S). */
  readonly headline: readonly ReproductionHeadlineRow[];
}

export interface Reproduction {
  readonly result: Promise<ReproduceResult>;
  /** Cancels every run still queued or running; the report is still written from what finished. */
  cancel(): Promise<void>;
}

/** Starts the reproduction on `backend` (a workbench opened on the data folder). */
export function startReproduction(backend: ReproduceBackend, options: ReproduceOptions): Reproduction {
  const pipeline = new ExperimentPipeline(backend, options.scale, EXPERIMENTS, QUEUE_ORDER, options.session, { ...options.progress, log: options.log });
  const result = (async (): Promise<ReproduceResult> => {
    let startedAt = new Date();
    const t0 = performance.now();
    let before = 0;
    const app = await backend.call('getAppInfo');
    let done: DoneExperiments;
    if (options.reportOnly) {
      done = await storedExperiments(backend.call, EXPERIMENTS, options.scale, options.reportOnly);
      // The header reports the stored reproduction's time: from its first queued run to its last finished one.
      const spans = [...done.values()].filter((e) => e.runs.length > 0);
      const first = Math.min(...spans.map((e) => e.submittedAt));
      startedAt = new Date(first);
      before = (Math.max(...spans.map((e) => e.finishedAt)) - first) / 1000;
      options.log?.(`read ${spans.reduce((n, e) => n + e.runs.length, 0)} stored runs tagged ${options.reportOnly}: writing the report`);
      for (const e of done.values()) options.progress?.finished?.(e);
    } else {
      done = await pipeline.run();
      options.log?.('all runs finished: writing the report');
    }
    options.beforeWriting?.();
    const elapsed = () => before + (performance.now() - t0) / 1000;
    const ctx = { call: backend.call, scale: options.scale, done };
    const session = options.reportOnly ?? options.session;
    const blocks = await buildReport(ctx, EXPERIMENTS, { startedAt, elapsedSeconds: elapsed, scale: options.scale, app, command: options.command, session });
    const written = await writeReportFolder(options.outDir, REPORT_TITLE, blocks);
    return { outDir: options.outDir, files: written.files, wallSeconds: elapsed(), done, headline: headlineRows(done) };
  })();
  return { result, cancel: () => pipeline.cancel() };
}

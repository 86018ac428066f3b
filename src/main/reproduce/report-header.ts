// The report's opening: where and when it ran (machine, versions, kernels, dataset), and how long each part took.
import os from 'node:os';
import type { AppInfo, RunDetail } from '../../shared/api-types';
import { list, para, tableBlock, type Block } from './document';
import type { DoneExperiments, ExperimentDef } from './experiment-types';
import type { ReproduceScale } from './scale';
import { col } from './sections/section-context';

export interface ReproductionInfo {
  readonly startedAt: Date;
  /** Seconds since the reproduction started (read when the header is written, after every figure is rendered). */
  readonly elapsedSeconds: () => number;
  readonly scale: ReproduceScale;
  readonly app: AppInfo;
  /** The command line, for the reader to run again. */
  readonly command: string;
  /** The tag on every run of this reproduction. */
  readonly session: string;
}

/** "Intel(R) Xeon(R) … · 2 cores · 7.8 GB · Linux 6.1 x64 · Node v20.20.0". */
export function machineText(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() || 'unknown CPU';
  return `${model} · ${cpus.length} cores · ${(os.totalmem() / 2 ** 30).toFixed(1)} GB · ${os.type()} ${os.release()} ${os.arch()} · Node ${process.version}`;
}

const distinct = (xs: readonly (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const runSeconds = (r: RunDetail) => (r.startedAt !== null && r.finishedAt !== null ? (r.finishedAt - r.startedAt) / 1000 : 0);

export function headerBlocks(info: ReproductionInfo, defs: readonly ExperimentDef[], done: DoneExperiments): Block[] {
  const runs = [...done.values()].flatMap((e) => e.runs);
  const s = info.scale;
  const data = `${runs[0]?.datasetTitle ?? s.dataset.name}${s.limitTrain ? `, first ${s.limitTrain} training images` : ''}${s.limitTest ? `, first ${s.limitTest} test images` : ''}`;
  const hashes = distinct(runs.map((r) => r.datasetHash));
  const t0 = info.startedAt.getTime();
  return [
    list([
      `**Date:** ${info.startedAt.toISOString()}`,
      `**Machine:** ${machineText()}`,
      `**Workbench:** ${info.app.version} · engine ${distinct(runs.map((r) => r.engineVersion)).join(', ') || '–'} · kernels ${distinct(runs.map((r) => r.kernels)).join(', ') || info.app.kernels}`,
      `**Runs:** ${runs.length} (${runs.filter((r) => r.status === 'completed').length} completed), ${info.app.maxConcurrentRuns} at a time, recorded in \`${info.app.dataDir}\` and tagged \`${info.session}\``,
      `**Data:** ${data}${hashes.length ? ` (sha256 ${hashes.map((h) => h.slice(0, 12)).join(', ')}…)` : ''}`,
      `**Scale:** ${s.name}${s.name === 'quick' ? " (a smoke test: small subset, fewer cells, 1–2 epochs — its numbers are not the report's)" : " (the report's settings)"}`,
      `**Wall time:** ${info.elapsedSeconds().toFixed(1)} s for the whole reproduction (training, reading back, every figure and table)`,
      `**Command:** \`${info.command}\``,
    ]),
    tableBlock({
      id: 'wall-times',
      title: 'Table W. Wall time per experiment',
      caption: 'Experiments overlap on the shared queue, so their spans add up to more than the total; "run time" sums the runs\' own durations.',
      table: {
        columns: [
          col('experiment', 'experiment', 'text'),
          col('runs', 'runs', 'number'),
          col('queued_at_s', 'queued at (s)', 'number'),
          col('span_s', 'span (s)', 'number'),
          col('run_time_s', 'run time (s)', 'number'),
        ],
        rows: defs.map((d) => {
          const e = done.get(d.id);
          if (!e) return [`${d.number}. ${d.title}`, 0, null, null, null];
          return [
            `${d.number}. ${d.title}${e.skipped ? ' (skipped)' : ''}`,
            e.runs.length,
            seconds(e.submittedAt - t0),
            seconds(e.finishedAt - e.submittedAt),
            Math.round(e.runs.reduce((a, r) => a + runSeconds(r), 0) * 10) / 10,
          ];
        }),
      },
    }),
  ];
}

/** An appendix table of every run: id, experiment, name, status, epochs, time, final accuracies. */
export function runsAppendix(defs: readonly ExperimentDef[], done: DoneExperiments): Block[] {
  const rows = defs.flatMap((d) =>
    (done.get(d.id)?.runs ?? []).map((r) => [
      r.id,
      d.number,
      r.name,
      r.status,
      r.epochsDone,
      Math.round(runSeconds(r) * 10) / 10,
      r.final?.trainAccuracy ?? null,
      r.final?.trainPassAccuracy ?? null,
      r.final?.testAccuracy ?? null,
    ]),
  );
  return [
    para('Every run is in the workbench database (open the app on the same data folder, or `npm run cli -- runs show ID`); all carry the tag `reproduce`.'),
    tableBlock({
      id: 'runs',
      title: 'Table R. Every run of this reproduction',
      table: {
        columns: [
          col('run', 'run', 'number'),
          col('experiment', 'exp.', 'number'),
          col('name', 'name', 'text'),
          col('status', 'status', 'text'),
          col('epochs', 'epochs', 'number'),
          col('seconds', 'time (s)', 'number'),
          col('train_accuracy', 'train acc., batches (%)', 'percent'),
          col('train_pass_accuracy', 'train acc., full pass (%)', 'percent'),
          col('test_accuracy', 'test acc. (%)', 'percent'),
        ],
        rows,
      },
    }),
  ];
}

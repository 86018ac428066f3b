// Following one run to its end from the command line: a progress bar on stderr, Ctrl-C cancels it, and a
// result line or `--json` object on stdout. `train` follows a new run; `runs resume|extend|fork` follow theirs.
import { writeFile } from 'node:fs/promises';
import type { WorkbenchEvent } from '../../shared/api-contract';
import type { RunDetail, RunSummary } from '../../shared/api-types';
import { FACT_KEYS } from '../runs/run-metrics';
import type { Workbench } from '../workbench/create-workbench';
import { EXIT } from './exit-codes';
import { ProgressBar } from './progress-bar';
import { oneThreadName } from '../wasm/load-kernels';
import { RunProgress } from './run-progress';
import { onInterrupt } from './session';
import { resultJson, summaryLine, type RunFacts } from './train-report';

export interface FollowOptions {
  readonly json: boolean;
  readonly quiet: boolean;
  /** Write the final weights here. */
  readonly save?: string;
  readonly tags?: readonly string[];
  /** performance.now() when the command started (for the JSON's wall time). */
  readonly started: number;
  /** Threads asked for per run (--threads), to say when a run trains on fewer. */
  readonly threads?: number;
}

/** Starts a run with `start` (which queues it) and follows it; returns the exit code (see exitCodeOf). */
export async function followRun(wb: Workbench, start: () => Promise<RunSummary>, options: FollowOptions): Promise<number> {
  let runId = -1;
  let progress: RunProgress | null = null;
  let announced = false;
  // Subscribed before the run starts, so no event of it is missed.
  const off = wb.subscribe((e: WorkbenchEvent) => {
    if (e.event === 'runProgress' && e.payload.runId === runId) progress?.progress(e.payload);
    else if (e.event === 'runEpoch' && e.payload.runId === runId) progress?.epoch(e.payload.record);
    else if (e.event === 'runUpdated' && e.payload.id === runId && !announced && e.payload.stepsTotal !== null && e.payload.status === 'running') {
      announced = true;
      void readyLine(wb, runId, options.threads ?? 1).then(
        (line) => progress?.say(line),
        () => {},
      );
    }
  });
  let removeSignals = () => {};
  try {
    const run = await start();
    runId = run.id;
    progress = new RunProgress(new ProgressBar(), run.epochsTotal, options.quiet);
    for (const tag of options.tags ?? []) await wb.tagRun({ id: runId, tag });
    const from = run.epochsDone > 0 ? ` (continuing after epoch ${run.epochsDone})` : '';
    progress.say(`run ${runId} recorded in ${wb.dataDir}${from}`);
    const say = progress.say.bind(progress);
    removeSignals = onInterrupt(() => {
      say('stopping after this step (Ctrl-C again to abort)…');
      void wb.cancelRun({ id: runId }).catch(() => {});
    });
    await wb.manager!.waitFor(runId);
  } finally {
    removeSignals();
    off();
  }
  const detail = await wb.getRun({ id: runId });
  if (options.save && detail.hasWeights) {
    await writeFile(options.save, wb.store.artifacts.weights(runId)!.data);
    progress.say(`weights saved to ${options.save}`);
  }
  const json = resultJson(detail, await facts(wb, runId), (performance.now() - options.started) / 1000);
  if (detail.status === 'failed' || detail.status === 'diverged') {
    process.stderr.write(`error: run ${runId} ${detail.status}: ${detail.error ?? 'unknown reason'}\n`);
  }
  const config = wb.store.runs.get(runId)?.config;
  process.stdout.write(options.json ? `${JSON.stringify({ ...json, config })}\n` : `${summaryLine(json)}\n`);
  return exitCodeOf(detail);
}

export function exitCodeOf(run: Pick<RunDetail, 'status'>): number {
  if (run.status === 'completed') return EXIT.ok;
  if (run.status === 'cancelled' || run.status === 'interrupted') return EXIT.interrupted;
  return EXIT.failed;
}

async function facts(wb: Workbench, runId: number): Promise<RunFacts> {
  const keys = [FACT_KEYS.trainSamples, FACT_KEYS.validationSamples, FACT_KEYS.testSamples];
  const [train, validation, test] = (await wb.getMetrics({ runId, keys, maxPoints: 2 })).map((s) => s.values.at(-1) ?? null);
  return { trainSamples: train ?? null, validationSamples: validation ?? null, testSamples: test ?? null };
}

/** "MNIST: 60000 train / 10000 test · 109,386 parameters · kernels wasm-relaxed-simd", once the data is loaded. */
async function readyLine(wb: Workbench, runId: number, threads: number): Promise<string> {
  const run = await wb.getRun({ id: runId });
  const f = await facts(wb, runId);
  const train = f.trainSamples === null ? '?' : f.trainSamples + (f.validationSamples ?? 0);
  const params = run.paramCount === null ? '?' : run.paramCount.toLocaleString('en');
  const alone = threads > 1 && run.kernels !== null && oneThreadName(run.kernels) === run.kernels && run.kernels !== 'reference';
  const note = alone ? ` (one thread: its steps are too small for ${threads} to pay)` : '';
  return `${run.datasetTitle}: ${train} train / ${f.testSamples ?? '?'} test · ${params} parameters · kernels ${run.kernels ?? '?'}${note}`;
}

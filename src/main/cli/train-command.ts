// `train`: one run through the workbench (recorded in the data folder, trained in a training process),
// with a progress bar on stderr and a result line or JSON on stdout.
import { writeFile } from 'node:fs/promises';
import type { WorkbenchEvent } from '../../shared/api-contract';
import type { RunDetail } from '../../shared/api-types';
import { FACT_KEYS } from '../runs/run-metrics';
import type { Workbench } from '../workbench/create-workbench';
import { EXIT } from './exit-codes';
import { ProgressBar } from './progress-bar';
import { RunProgress } from './run-progress';
import { onInterrupt, withWorkbench } from './session';
import { parseTrainOptions, TRAIN_HELP } from './train-options';
import { resultJson, summaryLine, type RunFacts } from './train-report';

/** Returns the exit code: 0 trained, 1 diverged or failed, 130 cancelled by Ctrl-C. */
export async function trainCommand(argv: readonly string[]): Promise<number> {
  const options = parseTrainOptions(argv);
  if (options.help) {
    process.stdout.write(TRAIN_HELP);
    return EXIT.ok;
  }
  const { config } = options;
  const progress = new RunProgress(new ProgressBar(), config.epochs, options.quiet);
  const started = performance.now();

  return withWorkbench({ dataDir: options.dataDir, concurrency: 1, kernels: options.kernels, threadsPerRun: options.threads }, async (_call, wb) => {
    let runId = -1;
    let announced = false;
    const off = wb.subscribe((e: WorkbenchEvent) => {
      if (e.event === 'runProgress' && e.payload.runId === runId) progress.progress(e.payload);
      else if (e.event === 'runEpoch' && e.payload.runId === runId) progress.epoch(e.payload.record);
      else if (e.event === 'runUpdated' && e.payload.id === runId && !announced && e.payload.stepsTotal !== null) {
        announced = true;
        void readyLine(wb, runId).then(
          (line) => progress.say(line),
          () => {},
        );
      }
    });
    const run = await wb.startRun(config);
    runId = run.id;
    for (const tag of options.tags) await wb.tagRun({ id: runId, tag });
    progress.say(`run ${runId} recorded in ${wb.dataDir}`);
    const removeSignals = onInterrupt(() => {
      progress.say('stopping after this step (Ctrl-C again to abort)…');
      void wb.cancelRun({ id: runId }).catch(() => {});
    });
    try {
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
    const json = resultJson(detail, await facts(wb, runId), (performance.now() - started) / 1000);
    if (detail.status === 'failed' || detail.status === 'diverged') {
      process.stderr.write(`error: run ${runId} ${detail.status}: ${detail.error ?? 'unknown reason'}\n`);
    }
    process.stdout.write(options.json ? `${JSON.stringify({ ...json, config })}\n` : `${summaryLine(json)}\n`);
    return exitCodeOf(detail);
  });
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
async function readyLine(wb: Workbench, runId: number): Promise<string> {
  const run = await wb.getRun({ id: runId });
  const f = await facts(wb, runId);
  const train = f.trainSamples === null ? '?' : f.trainSamples + (f.validationSamples ?? 0);
  const params = run.paramCount === null ? '?' : run.paramCount.toLocaleString('en');
  return `${run.datasetTitle}: ${train} train / ${f.testSamples ?? '?'} test · ${params} parameters · kernels ${run.kernels ?? '?'}`;
}

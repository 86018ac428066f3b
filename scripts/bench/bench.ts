// `npm run bench`: one training epoch of the MLP and the CNN, side by side with PyTorch CPU when installed.
// A benchmark, not a test: it measures and reports ratios from one run on one machine.
// `--compare` adds the compare page's load of many long runs (batched call vs one call per run);
// `--models none --no-recording --compare` runs that alone. `--stalls` adds the event-loop stalls of the
// process that owns IPC during that load, with the workbench service in it vs in its own process.
import { parseArgs } from 'node:util';
import { trainingFlopsPerSample } from '../../src/engine/models/flops';
import { loadKernels } from '../../src/main/wasm/load-kernels';
import { trainRun } from '../../src/main/worker/train-run';
import { benchCompareLoad, formatCompareLoad, type CompareLoadBench } from './compare-load';
import { benchConfig, type BenchModel } from './configs';
import { benchMainThreadStalls, formatStalls, type StallsBench } from './main-thread-stalls';
import { benchRunManager, type RunManagerBench } from './run-manager';
import { runTorch, torchAvailable } from './torch';

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean' },
    models: { type: 'string', default: 'mlp,cnn' },
    limit: { type: 'string' },
    kernels: { type: 'string', default: 'auto' },
    threads: { type: 'string', default: '1' },
    'no-torch': { type: 'boolean' },
    'no-recording': { type: 'boolean' },
    compare: { type: 'boolean' },
    stalls: { type: 'boolean' },
    'compare-runs': { type: 'string', default: '50' },
    'compare-points': { type: 'string', default: '100000' },
  },
});
const limit = opts.limit ? Number(opts.limit) : undefined;
const models = (opts.models === 'none' ? [] : opts.models!.split(',')) as BenchModel[];
const withTorch = !opts['no-torch'] && torchAvailable();
const log = (line: string) => opts.json || process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  // Ours and PyTorch get the same number of threads (1 by default: the fair comparison).
  const threads = Number(opts.threads);
  const kernels = await loadKernels({ prefer: opts.kernels as 'auto', threads });
  const rows: Record<string, unknown>[] = [];
  for (const model of models) {
    log(`${model}: training one epoch with ${kernels.name} kernels…`);
    // Untimed warm-up, as PyTorch gets: the JIT compiles the training loop before the timed epoch.
    await trainRun(benchConfig(model, 1024), kernels);
    const run = await trainRun(benchConfig(model, limit), kernels);
    const epoch = run.result.epochs[0]!;
    const flops = trainingFlopsPerSample(run.model) * run.dataset.train.n;
    const row: Record<string, unknown> = {
      model,
      seconds_per_epoch: epoch.trainSeconds,
      samples_per_second: epoch.samplesPerSecond,
      gflops: flops / epoch.trainSeconds / 1e9,
      test_accuracy: epoch.test.accuracy,
    };
    if (withTorch) {
      log(`${model}: PyTorch, ${threads} thread(s)…`);
      const torch = runTorch(model, threads, limit);
      row.torch = torch;
      row.ratio_vs_torch = epoch.trainSeconds / torch.seconds_per_epoch;
    }
    rows.push(row);
  }

  let recording: RunManagerBench | undefined;
  if (!opts['no-recording']) {
    log('mlp: recording cost — in-process vs a training process writing every metric to SQLite (best of 2)…');
    recording = await benchRunManager({ limit, repeats: 2 });
  }

  let compare: CompareLoadBench | undefined;
  if (opts.compare) compare = await benchCompareLoad({ runs: Number(opts['compare-runs']), points: Number(opts['compare-points']), log });
  let stalls: StallsBench | undefined;
  if (opts.stalls) stalls = await benchMainThreadStalls({ runs: Number(opts['compare-runs']), points: Number(opts['compare-points']), log });

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ kernels: kernels.name, train_samples: limit ?? 60000, results: rows, recording, compare, stalls })}\n`);
  } else {
    const f = (x: unknown, d = 2) => (typeof x === 'number' ? x.toFixed(d) : '–');
    const noTorch = opts['no-torch'] ? ' (PyTorch skipped: no ratios)' : ' (PyTorch not installed: no ratios)';
    if (rows.length) console.log(`kernels: ${kernels.name}${withTorch ? '' : noTorch}`);
    if (rows.length) console.log('model  s/epoch  samples/s  GFLOPS  test acc | torch s/epoch  ratio (ours/torch, lower is better)');
    for (const r of rows) {
      const t = r.torch as { seconds_per_epoch: number } | undefined;
      console.log(
        `${String(r.model).padEnd(6)} ${f(r.seconds_per_epoch).padStart(7)}  ${f(r.samples_per_second, 0).padStart(9)}  ${f(r.gflops, 1).padStart(6)}  ${f(r.test_accuracy, 4).padStart(8)} | ${f(t?.seconds_per_epoch).padStart(13)}  ${f(r.ratio_vs_torch)}`,
      );
    }
    if (recording) {
      const m = recording.manager;
      console.log(
        `recording (mlp, 1 epoch): in-process ${f(recording.inProcess.trainSeconds)} s, through the run manager ${f(m.trainSeconds)} s ` +
          `(ratio ${f(recording.trainRatio)}; vs a bare training process ${f(recording.recordingRatio)}); ` +
          `${m.metricPoints} metric points in ${m.progressMessages} messages cost the main process ${f(m.mainCpuSeconds)} s of CPU`,
      );
    }
    if (compare) formatCompareLoad(compare).forEach((line) => console.log(line));
    if (stalls) formatStalls(stalls).forEach((line) => console.log(line));
  }
}

void main();

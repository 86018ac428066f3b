// `npm run bench`: one training epoch of the MLP and the CNN at 1 and 2 threads, side by side with PyTorch CPU
// at the same thread counts when installed, then where the 1-thread epoch's time goes (kernel ops, layers).
// A benchmark, not a test: it measures and reports ratios from one run on one machine.
// `--compare` adds the compare page's load of many long runs (batched call vs one call per run);
// `--models none --no-recording --compare` runs that alone. `--all-threads`: every 2-thread run uses both threads,
// even one whose steps are below the size from which a second thread pays (which otherwise trains on one). `--stalls` adds the event-loop stalls of the
// process that owns IPC during that load, with the workbench service in it vs in its own process.
import { parseArgs } from 'node:util';
import { trainingFlopsPerSample } from '../../src/engine/models/flops';
import type { Kernels } from '../../src/engine/kernels/kernels';
import { loadNativeAddon } from '../../src/main/native/native-addon';
import { type KernelPreference, loadKernels, oneThreadName } from '../../src/main/wasm/load-kernels';
import { trainRun } from '../../src/main/worker/train-run';
import { benchCompareLoad, formatCompareLoad, type CompareLoadBench } from './compare-load';
import { benchConfig, type BenchModel } from './configs';
import { type EpochProfile, formatProfile, profileEpoch } from './profile';
import { benchMainThreadStalls, formatStalls, type StallsBench } from './main-thread-stalls';
import { benchRunManager, type RunManagerBench } from './run-manager';
import { runTorch, torchAvailable, WARMUP_STEPS } from './torch';

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean' },
    models: { type: 'string', default: 'mlp,cnn' },
    limit: { type: 'string' },
    kernels: { type: 'string', default: 'auto' },
    threads: { type: 'string', default: '1,2' },
    'no-profile': { type: 'boolean' },
    'all-threads': { type: 'boolean' },
    'profile-limit': { type: 'string', default: '10240' },
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

/** The backends to time at `threads`: with --kernels auto, the native kernels (when built) and the wasm ones. */
async function backendsAt(threads: number): Promise<Kernels[]> {
  const prefer = opts.kernels as KernelPreference;
  const minStepMacs = opts['all-threads'] ? 0 : undefined;
  if (prefer !== 'auto') return [await loadKernels({ prefer, threads, minStepMacs })];
  const native = typeof loadNativeAddon() === 'string' ? [] : [await loadKernels({ prefer: 'native', threads, minStepMacs })];
  return [...native, await loadKernels({ native: false, threads, minStepMacs })];
}

async function main(): Promise<void> {
  // Ours and PyTorch get the same number of threads: 1, then 2 by default (the issue's comparisons).
  const threadCounts = opts.threads!.split(',').map(Number);
  const rows: Record<string, unknown>[] = [];
  const kernelNames: string[] = [];
  const profiles: { model: BenchModel; kernels: string; profile: EpochProfile }[] = [];
  const torchRuns = new Map<string, ReturnType<typeof runTorch>>();
  for (const threads of threadCounts) {
    for (const kernels of await backendsAt(threads)) {
      kernelNames.push(kernels.name);
      for (const model of models) {
        log(`${model}: training one epoch with ${kernels.name} kernels…`);
        // Untimed warm-up, as PyTorch gets (the same number of steps): the JIT compiles the training loop first.
        await trainRun(benchConfig(model, WARMUP_STEPS * 128), kernels);
        const run = await trainRun(benchConfig(model, limit), kernels);
        const epoch = run.result.epochs[0]!;
        const flops = trainingFlopsPerSample(run.model) * run.dataset.train.n;
        const row: Record<string, unknown> = {
          model,
          threads,
          kernels: kernels.name,
          trained_with: run.kernels,
          seconds_per_epoch: epoch.trainSeconds,
          samples_per_second: epoch.samplesPerSecond,
          gflops: flops / epoch.trainSeconds / 1e9,
          test_accuracy: epoch.test.accuracy,
        };
        if (withTorch) {
          const key = `${model}/${threads}`;
          if (!torchRuns.has(key)) {
            log(`${model}: PyTorch, ${threads} thread(s)…`);
            torchRuns.set(key, runTorch(model, threads, limit));
          }
          row.torch = torchRuns.get(key);
          row.ratio_vs_torch = epoch.trainSeconds / torchRuns.get(key)!.seconds_per_epoch;
        }
        rows.push(row);
        if (threads === 1 && !opts['no-profile']) {
          log(`${model}: where the time goes with ${kernels.name} (${opts['profile-limit']} samples, timers on)…`);
          profiles.push({ model, kernels: kernels.name, profile: await profileEpoch(benchConfig(model, Number(opts['profile-limit'])), kernels) });
        }
      }
      await kernels.replicas?.close();
    }
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

  const speedups = speedUps(rows);
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ kernels: kernelNames, train_samples: limit ?? 60000, results: rows, speedups, profiles, recording, compare, stalls })}\n`,
    );
  } else {
    const f = (x: unknown, d = 2) => (typeof x === 'number' ? x.toFixed(d) : '–');
    const noTorch = opts['no-torch'] ? ' (PyTorch skipped: no ratios)' : ' (PyTorch not installed: no ratios)';
    if (rows.length) console.log(`kernels: ${kernelNames.join(', ')}${withTorch ? '' : noTorch}`);
    if (rows.length) console.log('model  kernels                 s/epoch  samples/s  GFLOPS  test acc | torch s/epoch  ratio (ours/torch, lower is better)');
    for (const r of rows) {
      const t = r.torch as { seconds_per_epoch: number; omp_wait?: string } | undefined;
      console.log(
        `${String(r.model).padEnd(6)} ${String(r.kernels).padEnd(22)}  ${f(r.seconds_per_epoch).padStart(7)}  ${f(r.samples_per_second, 0).padStart(9)}  ${f(r.gflops, 1).padStart(6)}  ${f(r.test_accuracy, 4).padStart(8)} | ${f(t?.seconds_per_epoch).padStart(13)}  ${f(r.ratio_vs_torch)}${t?.omp_wait ? `  (PyTorch's best: OpenMP ${t.omp_wait} wait)` : ''}`,
      );
    }
    for (const s of speedups)
      console.log(
        `${s.model} at ${s.threads} threads (${s.kernels}): ${f(s.ours)}x our 1-thread speed${s.torch === undefined ? '' : `, PyTorch ${f(s.torch)}x its own`}` +
          (s.alone ? ' — trained on one thread: its steps are below the size from which a second pays (--all-threads forces it)' : ''),
      );
    for (const { model, kernels, profile } of profiles) formatProfile(`${model}, ${kernels}, 1 thread`, profile).forEach((line) => console.log(line));
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

/**
 * Per model and thread count above 1: epoch-time speed-up over 1 thread of the same kernels (the wasm
 * ones: "wasm-relaxed-simd-2t" against "wasm-relaxed-simd"), ours and PyTorch's.
 */
function speedUps(rows: Record<string, unknown>[]): { model: string; kernels: string; threads: number; ours: number; torch?: number; alone: boolean }[] {
  const torchSeconds = (r: Record<string, unknown>) => (r.torch as { seconds_per_epoch: number } | undefined)?.seconds_per_epoch;
  return rows.flatMap((r) => {
    const family = oneThreadName(String(r.kernels));
    const base = rows.find((b) => b.model === r.model && b.threads === 1 && b.kernels === family);
    if (!base || r.threads === 1) return [];
    const [t1, tn] = [torchSeconds(base), torchSeconds(r)];
    return [
      {
        model: String(r.model),
        kernels: String(r.kernels),
        threads: Number(r.threads),
        ours: Number(base.seconds_per_epoch) / Number(r.seconds_per_epoch),
        torch: t1 && tn ? t1 / tn : undefined,
        alone: r.trained_with !== r.kernels,
      },
    ];
  });
}

void main();

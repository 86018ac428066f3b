// Benchmark (not a test): an MLP run (1 epoch by default) through the RunManager — a training process, batched progress
// messages, every metric written to SQLite, events listened to — against `trainRun` in this process.
// Run: node --import tsx scripts/bench/run-manager.ts [--limit N] [--epochs E] [--repeats R] [--json]
// `benchRunManager` is for `npm run bench`. Numbers are from one run on a shared machine: compare the ratios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseFile, openStore } from '../../src/main/db';
import { createForkHost, sourceWorkerEntry } from '../../src/main/runs/fork-host';
import { RunManager } from '../../src/main/runs/run-manager';
import { EPOCH_KEYS } from '../../src/main/runs/run-metrics';
import { loadKernels, type KernelPreference } from '../../src/main/wasm/load-kernels';
import { trainRun } from '../../src/main/worker/train-run';
import { benchConfig } from './configs';

export interface RunManagerBenchSide {
  /** Training time as the trainer measured it (the steps only), summed over the epochs. */
  readonly trainSeconds: number;
  /** From the call to the finished run: process start and dataset loading included. */
  readonly wallSeconds: number;
  readonly testAccuracy: number;
}

export interface RunManagerBench {
  readonly trainSamples: number;
  readonly epochs: number;
  readonly repeats: number;
  /** The fastest of `repeats`, for each measure. */
  readonly inProcess: RunManagerBenchSide;
  /** The same training process with its messages dropped: no SQLite, no events. */
  readonly bareProcess: RunManagerBenchSide;
  readonly manager: RunManagerBenchSide & {
    readonly metricPoints: number;
    readonly progressMessages: number;
    /** CPU time this (the main) process spent on the run: spawning, receiving, writing SQLite, events. */
    readonly mainCpuSeconds: number;
  };
  /** manager / in-process training time: 1.00 means recording costs the training nothing. */
  readonly trainRatio: number;
  /** manager / bare process training time: what SQLite and the events alone cost the training. */
  readonly recordingRatio: number;
  /** manager − in-process wall time: the fixed cost of a training process (start-up, loading the data again). */
  readonly startupSeconds: number;
}

/**
 * Trains the bench MLP `repeats` times each way — in this process, in a bare training process, through the
 * RunManager — interleaved, and keeps the fastest of each.
 */
export async function benchRunManager(
  options: { limit?: number; kernels?: KernelPreference; repeats?: number; epochs?: number } = {},
): Promise<RunManagerBench> {
  const { limit, kernels = 'auto', repeats = 3, epochs = 1 } = options;
  const config = { ...benchConfig('mlp', limit), epochs };
  // The fastest of each measure separately: noise on a shared machine only ever adds time.
  const best = <T extends RunManagerBenchSide & { mainCpuSeconds?: number }>(xs: T[]): T => ({
    ...xs[0]!,
    trainSeconds: Math.min(...xs.map((x) => x.trainSeconds)),
    wallSeconds: Math.min(...xs.map((x) => x.wallSeconds)),
    ...(xs[0]!.mainCpuSeconds !== undefined && { mainCpuSeconds: Math.min(...xs.map((x) => x.mainCpuSeconds!)) }),
  });
  const direct: RunManagerBenchSide[] = [];
  const bare: RunManagerBenchSide[] = [];
  const managed: RunManagerBench['manager'][] = [];
  let trainSamples = 0;
  const sides: (() => Promise<void>)[] = [
    async () => {
      const t0 = performance.now();
      const run = await trainRun(config, await loadKernels({ prefer: kernels }));
      const trainSeconds = run.result.epochs.reduce((s, e) => s + e.trainSeconds, 0);
      trainSamples = run.dataset.train.n;
      direct.push({ trainSeconds, wallSeconds: (performance.now() - t0) / 1000, testAccuracy: run.result.epochs.at(-1)!.test.accuracy });
    },
    async () => void bare.push(await throughBareProcess(config, kernels)),
    async () => void managed.push(await throughManager(config, kernels)),
  ];
  // Each round starts with another side, so a slow spell on a shared machine does not always hit the same one.
  for (let i = 0; i < repeats; i++) {
    for (let j = 0; j < sides.length; j++) await sides[(i + j) % sides.length]!();
  }
  const inProcess = best(direct);
  const bareProcess = best(bare);
  const manager = best(managed);
  return {
    trainSamples,
    epochs,
    repeats,
    inProcess,
    bareProcess,
    manager,
    trainRatio: manager.trainSeconds / inProcess.trainSeconds,
    recordingRatio: manager.trainSeconds / bareProcess.trainSeconds,
    startupSeconds: manager.wallSeconds - inProcess.wallSeconds,
  };
}

async function throughBareProcess(config: ReturnType<typeof benchConfig>, kernels: KernelPreference): Promise<RunManagerBenchSide> {
  const proc = createForkHost().spawn(sourceWorkerEntry());
  const t0 = performance.now();
  let trainSeconds = 0;
  let testAccuracy = NaN;
  proc.onMessage((m) => {
    if (m.type === 'epoch') [trainSeconds, testAccuracy] = [trainSeconds + m.metrics.trainSeconds, m.metrics.test.accuracy];
  });
  const exited = new Promise<void>((resolve) => proc.onExit(() => resolve()));
  proc.send({ type: 'start', runId: 'bench', config, kernels });
  await exited;
  return { trainSeconds, wallSeconds: (performance.now() - t0) / 1000, testAccuracy };
}

async function throughManager(config: ReturnType<typeof benchConfig>, kernels: KernelPreference): Promise<RunManagerBench['manager']> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nnw-bench-manager-'));
  const store = openStore(databaseFile(dir));
  try {
    const manager = new RunManager(store, createForkHost(), { concurrency: 1, kernels });
    manager.start();
    let progressMessages = 0;
    // A front door would listen: building the payloads is part of the cost.
    manager.events.on('runProgress', () => progressMessages++);
    manager.events.on('runEpoch', () => {});
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const { id } = manager.startRun(config);
    const run = await manager.waitFor(id);
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const mainCpuSeconds = (cpu.user + cpu.system) / 1e6;
    await manager.shutdown();
    if (run.status !== 'completed') throw new Error(`the benchmark run ended ${run.status}: ${run.error}`);
    const metricPoints = store.metrics.keys(id).reduce((n, k) => n + k.points, 0);
    const trainSeconds = store.metrics.series(id, EPOCH_KEYS.trainSeconds).values.reduce((s, v) => s + v, 0);
    return { trainSeconds, wallSeconds, testAccuracy: run.testAccuracy!, metricPoints, progressMessages, mainCpuSeconds };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { limit: { type: 'string' }, epochs: { type: 'string' }, repeats: { type: 'string' }, json: { type: 'boolean' } } });
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  void benchRunManager({ limit: num(values.limit), epochs: num(values.epochs), repeats: num(values.repeats) }).then((r) => {
    if (values.json) return void process.stdout.write(`${JSON.stringify(r)}\n`);
    const s = (x: number) => `${x.toFixed(2)} s`;
    console.log(
      `${r.epochs}-epoch MLP on ${r.trainSamples} samples, best of ${r.repeats}:\n` +
        `  in-process trainRun:   train ${s(r.inProcess.trainSeconds)}, wall ${s(r.inProcess.wallSeconds)}, test acc ${r.inProcess.testAccuracy.toFixed(4)}\n` +
        `  bare training process: train ${s(r.bareProcess.trainSeconds)}, wall ${s(r.bareProcess.wallSeconds)}\n` +
        `  through RunManager:    train ${s(r.manager.trainSeconds)}, wall ${s(r.manager.wallSeconds)}, test acc ${r.manager.testAccuracy.toFixed(4)} ` +
        `(${r.manager.metricPoints} metric points in ${r.manager.progressMessages} progress messages; ` +
        `${s(r.manager.mainCpuSeconds)} of CPU in the main process)\n` +
        `  train-time ratio manager/in-process: ${r.trainRatio.toFixed(3)}, manager/bare process: ${r.recordingRatio.toFixed(3)}; ` +
        `process start-up ${s(r.startupSeconds)}`,
    );
  });
}

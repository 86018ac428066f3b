// Benchmark (not a test): how long the process that owns the windows and IPC stops answering while the compare page
// loads 50 runs × 100k steps — with the workbench service in that process (the app before) against the service in
// a child process (the app now). Plain Node stands in for Electron: this process is "main", the service is forked
// as its utility process would be, and each answer is serialized once more as the IPC reply to the renderer would be.
// Run: node --import tsx scripts/bench/main-thread-stalls.ts [--runs 50] [--points 100000] [--repeats 5] [--json]
// `benchMainThreadStalls` is for `npm run bench -- --stalls`. One run on a shared machine: compare the two sides.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serialize } from 'node:v8';
import { databaseFile, openStore } from '../../src/main/db';
import { seedLongRuns } from '../../src/main/db/testing/long-runs';
import { forkWorkbenchService } from '../../src/main/service/fork-service';
import { createWorkbench } from '../../src/main/workbench/create-workbench';
import { createDispatcher, type Dispatch } from '../../src/shared/api-dispatch';
import { METRIC_KEYS } from '../../src/shared/api-inspect-types';

/** What the compare page asks for: its two default charts, 800 points per series, all runs in one call. */
const CHARTED = [METRIC_KEYS.testAccuracy, METRIC_KEYS.loss];
const POINTS_PER_SERIES = 800;

/** The owning process's event loop during the loads: its longest stall, the 99th percentile, the CPU it spent. */
export interface StallSide {
  readonly maxStallMs: number;
  readonly p99StallMs: number;
  /** Mean wall time of one page load. */
  readonly loadSeconds: number;
  /** CPU time this process spent per load (the service's own is not counted: it is another process). */
  readonly mainCpuSeconds: number;
}

export interface StallsBench {
  readonly runs: number;
  readonly points: number;
  readonly repeats: number;
  readonly inProcess: StallSide;
  readonly serviceProcess: StallSide;
  /** The same measurement while this process only waits as long as a load took: the machine's own noise. */
  readonly idle: StallSide;
}

export async function benchMainThreadStalls(
  options: { runs?: number; points?: number; repeats?: number; log?: (line: string) => void } = {},
): Promise<StallsBench> {
  const { runs = 50, points = 100_000, repeats = 5, log = () => {} } = options;
  const dir = mkdtempSync(path.join(tmpdir(), 'nnw-bench-stalls-'));
  try {
    log(`main-thread stalls: seeding ${runs} runs × ${points} steps…`);
    const store = openStore(databaseFile(dir));
    const runIds = seedLongRuns(store, { runs, points });
    store.close();
    const input = { runIds, keys: CHARTED, maxPoints: POINTS_PER_SERIES };

    log('main-thread stalls: the service in this process…');
    const wb = createWorkbench({ dataDir: dir, mode: 'electron', readOnly: true });
    let inProcess: StallSide;
    try {
      inProcess = await measure(createDispatcher(wb), input, repeats);
    } finally {
      await wb.close();
    }

    log('main-thread stalls: the service in a child process…');
    const service = await forkWorkbenchService({ dataDir: dir, mode: 'electron', readOnly: true });
    let serviceProcess: StallSide;
    try {
      serviceProcess = await measure(service.dispatch, input, repeats);
    } finally {
      await service.close();
    }
    log('main-thread stalls: this process idle, as long as a load takes…');
    const wait = Math.max(inProcess.loadSeconds, serviceProcess.loadSeconds) * 1000;
    const idle = await measure(() => new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: null }), wait)), input, repeats);
    return { runs, points, repeats, inProcess, serviceProcess, idle };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Loads the page `repeats` times (after an unmeasured warm-up) with the event loop's delay recorded throughout. */
async function measure(dispatch: Dispatch, input: unknown, repeats: number): Promise<StallSide> {
  const load = async () => {
    const result = await dispatch('getRunsMetrics', input);
    if (!result.ok) throw new Error(`getRunsMetrics failed: ${result.error.message}`);
    // Electron's ipcMain.handle structured-clones the answer for the renderer on this thread.
    return serialize(result).length;
  };
  await load();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const cpu = process.cpuUsage();
  const start = performance.now();
  delay.enable();
  for (let i = 0; i < repeats; i++) await load();
  delay.disable();
  const elapsed = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    maxStallMs: delay.max / 1e6,
    p99StallMs: delay.percentile(99) / 1e6,
    loadSeconds: elapsed / repeats,
    mainCpuSeconds: (used.user + used.system) / 1e6 / repeats,
  };
}

export function formatStalls(b: StallsBench): string[] {
  const row = (name: string, s: StallSide) =>
    `  ${name.padEnd(26)} ${s.maxStallMs.toFixed(1).padStart(8)} ms ${s.p99StallMs.toFixed(1).padStart(8)} ms ${s.loadSeconds.toFixed(2).padStart(7)} s ${s.mainCpuSeconds.toFixed(3).padStart(8)} s`;
  return [
    `main-thread stalls while the compare page loads ${b.runs} runs × ${b.points} steps (one getRunsMetrics call, ${b.repeats} loads)`,
    '  the service runs…           max stall    p99 stall    load   main CPU/load',
    row('in the IPC-owning process', b.inProcess),
    row('in its own process', b.serviceProcess),
    row('nowhere (idle: the noise)', b.idle),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, points: { type: 'string' }, repeats: { type: 'string' }, json: { type: 'boolean' } } });
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  void benchMainThreadStalls({
    runs: num(values.runs),
    points: num(values.points),
    repeats: num(values.repeats),
    log: (l) => values.json || process.stderr.write(`${l}\n`),
  }).then((b) => process.stdout.write(values.json ? `${JSON.stringify(b)}\n` : `${formatStalls(b).join('\n')}\n`));
}

// Trials per minute of an 8-cell fixture grid on 1 and 2 remote worker processes (BullMQ on a real, local
// redis-server) against the same grid in local training processes at the same concurrency, and the per-run
// overhead of the queue. `node --import tsx scripts/bench/remote-grid.ts [--workers 1,2] [--epochs 5]`
import { parseArgs } from 'node:util';
import { openStore } from '../../src/main/db';
import { tempFolder } from '../../src/main/db/testing/fixtures';
import { startRedis, startWorker, workerSays } from '../../src/main/remote/testing/redis-server';
import { openRemoteApp } from '../../src/main/remote/testing/remote-fixture';
import { createForkHost } from '../../src/main/runs/fork-host';
import { RunManager } from '../../src/main/runs/run-manager';
import { tinyConfig } from '../../src/main/runs/testing/manager-fixtures';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2' },
    epochs: { type: 'string', default: '5' },
  },
});
const counts = values.workers.split(',').map(Number);
const spec = (name: string) => ({
  name,
  base: tinyConfig({
    limitTrain: 1000,
    limitTest: 200,
    epochs: Number(values.epochs),
  }),
  parameters: { lr: { values: [0.01, 0.05] }, seed: { values: [1, 2, 3, 4] } },
});

async function remote(workers: number): Promise<number> {
  const redis = await startRedis();
  const temp = tempFolder('nnw-bench-remote-');
  const procs = Array.from({ length: workers }, (_, i) => startWorker(redis.url, `bench-${i + 1}`));
  await Promise.all(procs.map((w) => workerSays(w, 'takes runs from')));
  const app = await openRemoteApp(temp, redis.url);
  const t0 = performance.now();
  const grid = app.manager.startGrid(spec(`remote ${workers}`), 'workers');
  await app.manager.whenIdle();
  const seconds = (performance.now() - t0) / 1000;
  const bad = grid.runs.map((r) => app.store.runs.get(r.id)!).filter((r) => r.status !== 'completed');
  if (bad.length) throw new Error(`${bad.length} runs did not complete: ${bad[0]!.error}`);
  await app.close();
  await Promise.all(procs.map((w) => w.stop()));
  await redis.stop();
  temp.remove();
  return seconds;
}

async function local(concurrency: number): Promise<number> {
  const temp = tempFolder('nnw-bench-local-');
  const store = openStore(temp.file('workbench.sqlite'));
  const manager = new RunManager(store, createForkHost(), {
    concurrency,
    dataDir: temp.dir,
  });
  manager.start();
  const t0 = performance.now();
  manager.startGrid(spec(`local ${concurrency}`));
  await manager.whenIdle();
  const seconds = (performance.now() - t0) / 1000;
  await manager.shutdown();
  store.close();
  temp.remove();
  return seconds;
}

async function main(): Promise<void> {
  for (const n of counts) {
    const r = await remote(n);
    const l = await local(n);
    // n runs train at once either way: the extra wall time, spread over the 8 runs, is the queue's cost per run.
    const overhead = ((r - l) * n) / 8;
    console.log(
      `${n} worker(s): ${r.toFixed(1)} s, ${((8 / r) * 60).toFixed(1)} trials/min | local at concurrency ${n}: ${l.toFixed(1)} s, ` +
        `${((8 / l) * 60).toFixed(1)} trials/min | queue overhead ≈ ${overhead.toFixed(2)} s per run`,
    );
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

// Benchmark (not a test): how fast metric points go into SQLite in batches, and how fast a long series comes back.
// Run: `npx tsx src/main/db/metrics-insert.bench.ts [points] [batch]`; `benchMetricInserts` is for `npm run bench`.
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sampleConfig, tempFolder } from './testing/fixtures';
import type { MetricPoint } from './metrics.repo';
import { openStore } from './store';

export interface MetricInsertBench {
  readonly points: number;
  readonly batchSize: number;
  readonly rowsPerSecond: number;
  /** Milliseconds per batch transaction, on average. */
  readonly msPerBatch: number;
  readonly bytesPerPoint: number;
  /** Reading one key's whole series downsampled to 1000 points. */
  readonly readSeriesMs: number;
}

/** Appends `points` (10 keys per step, like a training run) in transactions of `batchSize` to a fresh file. */
export function benchMetricInserts(points = 100_000, batchSize = 200): MetricInsertBench {
  const temp = tempFolder('nnw-bench-');
  try {
    const file = temp.file();
    const store = openStore(file);
    const runId = store.runs.create({ config: sampleConfig() }).id;
    const keys = ['train/loss', 'train/accuracy', 'lr', 'samples_per_second', 'grad_norm', 'l2', 'a', 'b', 'c', 'd'];
    const all: MetricPoint[] = [];
    const t0 = Date.now();
    for (let i = 0; i < points; i++) {
      const step = Math.floor(i / keys.length);
      all.push({
        key: keys[i % keys.length]!,
        step,
        epoch: Math.floor(step / 469),
        value: Math.exp(-step / 3000) + Math.random() * 0.1,
        wallTime: t0 + step * 3,
      });
    }
    const start = performance.now();
    for (let i = 0; i < points; i += batchSize) store.metrics.append(runId, all.slice(i, i + batchSize));
    const seconds = (performance.now() - start) / 1000;
    const readStart = performance.now();
    store.metrics.series(runId, 'train/loss', { maxPoints: 1000 });
    const readSeriesMs = performance.now() - readStart;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    return {
      points,
      batchSize,
      rowsPerSecond: points / seconds,
      msPerBatch: (seconds * 1000) / Math.ceil(points / batchSize),
      bytesPerPoint: statSync(file).size / points,
      readSeriesMs,
    };
  } finally {
    temp.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [points, batch] = process.argv.slice(2).map(Number);
  const r = benchMetricInserts(points || undefined, batch || undefined);
  console.log(
    `${r.points} metric points in batches of ${r.batchSize}: ${Math.round(r.rowsPerSecond).toLocaleString('en')} rows/s ` +
      `(${r.msPerBatch.toFixed(3)} ms per batch), ${r.bytesPerPoint.toFixed(1)} bytes/point on disk; ` +
      `one ${r.points / 10}-point series downsampled to 1000 in ${r.readSeriesMs.toFixed(1)} ms`,
  );
}

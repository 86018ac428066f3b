// Finished runs with long per-step series, written straight through the store (no training): for the tests and
// the benchmark of reading many runs at once. Values are deterministic: a decaying curve with a little fake noise.
import { METRIC_KEYS } from '../../../shared/api-inspect-types';
import type { MetricPoint } from '../metrics.repo';
import type { Store } from '../store';
import { sampleConfig } from './fixtures';

export interface LongRunsOptions {
  readonly runs: number;
  /** Steps per run, each with a point of every key. */
  readonly points: number;
  /** Logged at every step; default: train/loss and train/accuracy. Test accuracy is logged at each epoch's end. */
  readonly keys?: readonly string[];
  readonly stepsPerEpoch?: number;
}

/** Points per append: one transaction each, as the run manager writes them. */
const BATCH_STEPS = 5000;

/** Creates `runs` completed runs of `points` steps (steps 1…points); returns their ids. */
export function seedLongRuns(store: Store, options: LongRunsOptions): number[] {
  const { runs, points, keys = [METRIC_KEYS.loss, METRIC_KEYS.accuracy], stepsPerEpoch = 1000 } = options;
  const config = sampleConfig({ epochs: Math.max(1, Math.ceil(points / stepsPerEpoch)) });
  const ids: number[] = [];
  for (let r = 0; r < runs; r++) {
    const id = store.runs.create({ config, name: `long ${r + 1}` }).id;
    store.runs.setStatus(id, 'running');
    store.runs.recordEnvironment(id, { stepsTotal: config.epochs * stepsPerEpoch });
    for (let from = 1; from <= points; from += BATCH_STEPS) {
      const batch: MetricPoint[] = [];
      for (let step = from; step < from + BATCH_STEPS && step <= points; step++) {
        const epoch = Math.floor((step - 1) / stepsPerEpoch);
        const wallTime = 1_700_000_000_000 + step * 10;
        keys.forEach((key, k) => batch.push({ key, step, epoch, value: curve(step, points, r + k), wallTime }));
        if (step % stepsPerEpoch === 0 || step === points)
          batch.push({ key: METRIC_KEYS.testAccuracy, step, epoch, value: 1 - curve(step, points, r) / 2, wallTime });
      }
      store.metrics.append(id, batch);
    }
    store.runs.setStatus(id, 'completed');
    ids.push(id);
  }
  return ids;
}

/** A decaying curve with noise from a hash of the step: the same numbers every time. */
function curve(step: number, points: number, seed: number): number {
  const noise = (((step * 2654435761 + seed * 40503) >>> 0) % 1000) / 1000;
  return 2 * Math.exp((-4 * step) / points) + 0.1 * noise;
}

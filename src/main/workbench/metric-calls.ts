// Metric series as the charts read them: column arrays, downsampled (LTTB), NaN as null, times from the run's start.
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { MetricPoints } from '../../shared/api-inspect-types';
import { downsampleSeries } from '../../shared/downsample';
import type { Run, Store } from '../db';
import { requireRun } from './lookups';

export class MetricCalls {
  constructor(private readonly store: Store) {}

  listMetricKeys({ runId }: CallInput<'listMetricKeys'>): CallOutput<'listMetricKeys'> {
    requireRun(this.store, runId);
    return this.store.metrics.keys(runId).map((k) => k.key);
  }

  getMetrics({ runId, keys, maxPoints, sinceStep }: CallInput<'getMetrics'>): CallOutput<'getMetrics'> {
    const run = requireRun(this.store, runId);
    return keys.map((key) => downsampleSeries(this.points(run, key, sinceStep), maxPoints));
  }

  /** Every stored point of `key` (after `sinceStep`), in the API's column form. */
  points(run: Run, key: string, sinceStep?: number): MetricPoints {
    const s = this.store.metrics.series(run.id, key, sinceStep === undefined ? {} : { fromStep: sinceStep + 1 });
    const origin = run.startedAt ?? run.createdAt;
    return {
      key,
      steps: s.steps,
      epochs: s.epochs,
      // NOTE: NaN and ±Infinity become null: JSON cannot carry them, and a chart draws a gap.
      values: s.values.map((v) => (Number.isFinite(v) ? v : null)),
      times: s.wallTimes.map((t) => (t - origin) / 1000),
    };
  }
}

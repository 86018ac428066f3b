// Metric series as the charts read them: column arrays, downsampled (LTTB), NaN as null, times from the run's start.
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { MetricSeries } from '../../shared/api-inspect-types';
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
    // The store decimates long series itself (min/max per step range), so they never cross into JS whole.
    return keys.map((key) => this.points(run, key, sinceStep, maxPoints));
  }

  /** The stored points of `key` (after `sinceStep`; at most `maxPoints`), in the API's column form. */
  points(run: Run, key: string, sinceStep?: number, maxPoints?: number): MetricSeries {
    const s = this.store.metrics.series(run.id, key, { fromStep: sinceStep === undefined ? undefined : sinceStep + 1, maxPoints });
    const origin = run.startedAt ?? run.createdAt;
    return {
      key,
      steps: s.steps,
      epochs: s.epochs,
      // NOTE: NaN and ±Infinity become null: JSON cannot carry them, and a chart draws a gap.
      values: s.values.map((v) => (Number.isFinite(v) ? v : null)),
      times: s.wallTimes.map((t) => (t - origin) / 1000),
      totalPoints: s.total,
    };
  }
}

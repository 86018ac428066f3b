// Metric series as the charts read them: column arrays, downsampled (min/max per step range, in SQLite), NaN as null,
// times from the run's start; one run per call or many at once.
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { MetricSeries, RunMetricSeries } from '../../shared/api-inspect-types';
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

  /**
   * The same series for many runs at once (the compare page: one call instead of one per run). A run deleted
   * meanwhile is listed as missing instead of failing the others.
   */
  async getRunsMetrics({ runIds, keys, maxPoints }: CallInput<'getRunsMetrics'>): Promise<CallOutput<'getRunsMetrics'>> {
    const runs: RunMetricSeries[] = [];
    const missingRunIds: number[] = [];
    for (const runId of runIds) {
      const run = this.store.runs.get(runId);
      if (run) runs.push({ runId, series: keys.map((key) => this.points(run, key, undefined, maxPoints)) });
      else missingRunIds.push(runId);
      // Between runs, let the event loop run: live runs' progress messages are not held up behind a long read.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { runs, missingRunIds };
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

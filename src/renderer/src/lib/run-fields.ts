// How long a run has trained: the run page's clock (the table's Duration column is shared/run-columns' "seconds").
import type { RunSummary } from '../../../shared/api-types';

/** Seconds the run has trained (up to `now` while it runs); null before it starts. */
export function runDuration(run: RunSummary, now: number): number | null {
  if (run.startedAt === null) return null;
  return Math.max(0, ((run.finishedAt ?? now) - run.startedAt) / 1000);
}

// Reads a finished reproduction back from the database by its session tag, to write its report again
// (with newer figure code, say) without training anything.
import type { RunDetail } from '../../shared/api-types';
import type { ExperimentDef, ExperimentId, ExperimentRuns } from './experiment-types';
import type { Call } from '../../shared/api-dispatch';
import { experimentTag } from './pipeline';
import type { ReproduceScale } from './scale';

/**
 * Every experiment's runs tagged with `session`, in run-id order; its grid and, for experiments that chose
 * their settings from earlier results, the notes their plan writes for those results.
 * @throws Error when no run carries the tag.
 */
export async function storedExperiments(
  call: Call,
  defs: readonly ExperimentDef[],
  scale: ReproduceScale,
  session: string,
): Promise<Map<ExperimentId, ExperimentRuns>> {
  const done = new Map<ExperimentId, ExperimentRuns>();
  let found = 0;
  for (const def of defs) {
    const listed = await call('listRuns', { tags: [session, experimentTag(def.id)], limit: 10_000 });
    const runs: RunDetail[] = await Promise.all([...listed].sort((a, b) => a.id - b.id).map((r) => call('getRun', { id: r.id })));
    found += runs.length;
    const gridId = runs[0]?.gridId ?? null;
    const grid = gridId === null ? null : await call('getGrid', { id: gridId });
    let notes: readonly string[] = [];
    try {
      // The plan is a pure function of the scale and the earlier results: it writes the same notes again.
      notes = def.plan(scale, done).notes ?? [];
    } catch {
      // A plan that cannot run on what is stored has nothing to say either.
    }
    const created = runs.map((r) => r.createdAt);
    const finished = runs.map((r) => r.finishedAt ?? r.createdAt);
    done.set(def.id, {
      id: def.id,
      grid,
      runs,
      notes,
      submittedAt: created.length ? Math.min(...created) : 0,
      finishedAt: finished.length ? Math.max(...finished) : 0,
      skipped: runs.length ? null : `no run tagged "${session}" and "${experimentTag(def.id)}" in this data folder`,
    });
  }
  if (found === 0) throw new Error(`no run carries the tag "${session}": give the session tag a reproduction printed (e.g. reproduce@2025-03-01T14-05-09)`);
  return done;
}

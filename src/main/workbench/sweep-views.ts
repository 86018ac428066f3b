// Sweeps as the API shows them: SweepSummary (state, counts, best trial) and SweepDetail (every trial with its
// score and the best so far, and parameter importance).
import type { ParameterImportance, SweepDetail, SweepSummary, SweepTrial } from '../../shared/api-sweep-types';
import { type SweepSpec, sweepSpecSchema } from '../../shared/sweep-spec';
import { parseWith } from '../../shared/validation';
import type { Experiment, Run, Store } from '../db';
import { IMPORTANCE_METHOD, parameterImportance } from '../sweeps/importance';
import { toLoss } from '../sweeps/observations';
import { sweepDomains, sweepRunCap } from '../sweeps/propose';
import { lastValue } from '../sweeps/trial-state';
import type { RunViews } from './run-views';

interface ScoredTrial {
  readonly number: number;
  readonly run: Run;
  readonly value: number | null;
}

export class SweepViews {
  constructor(
    private readonly store: Store,
    private readonly runs: RunViews,
  ) {}

  summary(experiment: Experiment): SweepSummary {
    return this.build(experiment).summary;
  }

  detail(experiment: Experiment): SweepDetail {
    const { summary, spec, scored } = this.build(experiment);
    const rows = new Map(this.store.sweeps.trials(experiment.id).map((t) => [t.number, t]));
    let best: number | null = null;
    const trials: SweepTrial[] = scored.map((t) => {
      if (t.value !== null && (best === null || toLoss(t.value, spec.metric.goal) < toLoss(best, spec.metric.goal))) best = t.value;
      const row = rows.get(t.number)!;
      return {
        number: t.number,
        params: row.params,
        run: this.runs.summary(t.run),
        value: t.value,
        bestSoFar: best,
        epochsDone: lastValue(row.epochValues).epochs,
        prunedReason: t.run.status === 'pruned' ? (row.prunedReason ?? t.run.error) : null,
      };
    });
    const finished = scored.filter((t) => t.value !== null && (t.run.status === 'completed' || t.run.status === 'pruned'));
    const importance: ParameterImportance[] = parameterImportance(
      sweepDomains(spec),
      finished.map((t) => ({ params: rows.get(t.number)!.params, value: t.value! })),
      spec.seed,
    );
    return { ...summary, trials, importance: finished.length >= 4 ? importance : [], importanceMethod: IMPORTANCE_METHOD };
  }

  private build(experiment: Experiment): { summary: SweepSummary; spec: SweepSpec; scored: ScoredTrial[] } {
    const spec = parseWith(sweepSpecSchema, experiment.spec);
    const runs = new Map(this.store.runs.list({ experimentId: experiment.id }).map((r) => [r.id, r]));
    const scored: ScoredTrial[] = [];
    for (const t of this.store.sweeps.trials(experiment.id)) {
      const run = t.runId === null ? undefined : runs.get(t.runId);
      if (run) scored.push({ number: t.number, run, value: lastValue(t.epochValues).value });
    }
    const statusCounts: Record<string, number> = {};
    let best: ScoredTrial | null = null;
    for (const t of scored) {
      statusCounts[t.run.status] = (statusCounts[t.run.status] ?? 0) + 1;
      if (t.value !== null && (best === null || toLoss(t.value, spec.metric.goal) < toLoss(best.value!, spec.metric.goal))) best = t;
    }
    const summary: SweepSummary = {
      id: experiment.id,
      number: experiment.number,
      name: experiment.name,
      method: spec.method,
      metric: spec.metric,
      earlyTerminate: spec.early_terminate?.type ?? null,
      state: this.store.sweeps.state(experiment.id) ?? 'finished',
      createdAt: experiment.createdAt,
      runCap: sweepRunCap(spec),
      trialCount: scored.length,
      statusCounts,
      bestRunId: best?.run.id ?? null,
      bestValue: best?.value ?? null,
      spec: experiment.spec,
    };
    return { summary, spec, scored };
  }
}

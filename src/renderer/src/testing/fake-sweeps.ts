// The sweep calls of a renderer test's workbench, in memory: sweeps start empty, and tests add trials (trained,
// pruned, running) and importance rows, each change sent as `sweepUpdated` as the service would.
import type { ParameterImportance, SweepDetail, SweepSummary, SweepTrial } from '../../../shared/api-sweep-types';
import type { RunStatus } from '../../../shared/api-types';
import type { GridValue } from '../../../shared/grid-expand';
import { NotFoundError } from '../../../shared/api-wire';
import type { SweepSpecInput } from '../../../shared/sweep-spec';
import type { SweepCalls } from '../stores/sweeps';
import { makeRun } from './make-run';

export interface FakeTrial {
  readonly params: Record<string, GridValue>;
  readonly value: number | null;
  readonly status: RunStatus;
  readonly epochsDone?: number;
  readonly prunedReason?: string;
}

export interface FakeSweeps {
  readonly calls: SweepCalls;
  /** Every spec `startSweep` received. */
  readonly started: SweepSpecInput[];
  addTrial(sweepId: number, trial: FakeTrial): SweepTrial;
  setImportance(sweepId: number, rows: ParameterImportance[], method?: string): void;
  /** Listeners of `sweepUpdated`. */
  listenerCount(): number;
}

export function createFakeSweeps(): FakeSweeps {
  const sweeps = new Map<number, SweepDetail>();
  const listeners = new Set<(s: SweepSummary) => void>();
  const started: SweepSpecInput[] = [];
  let nextRunId = 1000;

  const get = (id: number) => {
    const s = sweeps.get(id);
    if (!s) throw new NotFoundError(`sweep ${id} not found`);
    return s;
  };
  const summary = ({ trials: _t, importance: _i, importanceMethod: _m, ...s }: SweepDetail): SweepSummary => s;
  const save = (s: SweepDetail) => {
    sweeps.set(s.id, s);
    const payload = JSON.parse(JSON.stringify(summary(s))) as SweepSummary;
    listeners.forEach((l) => l(payload));
    return payload;
  };
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

  const calls: SweepCalls = {
    async startSweep(spec) {
      started.push(spec);
      const id = sweeps.size + 1;
      const sweep: SweepDetail = {
        id,
        number: id,
        name: spec.name ?? `sweep ${id}`,
        method: spec.method,
        metric: { name: spec.metric?.name ?? 'test_accuracy', goal: spec.metric?.goal ?? 'maximize' },
        earlyTerminate: spec.early_terminate?.type ?? null,
        state: 'running',
        createdAt: 1_700_000_000_000 + id,
        runCap: spec.run_cap ?? 1,
        trialCount: 0,
        statusCounts: {},
        bestRunId: null,
        bestValue: null,
        spec,
        trials: [],
        importance: [],
        importanceMethod: 'fake importance',
      };
      return save(sweep);
    },
    listSweeps: async () => [...sweeps.values()].map((s) => copy(summary(s))),
    getSweep: async ({ id }) => copy(get(id)),
    cancelSweep: async ({ id }) => save({ ...get(id), state: 'cancelled' }),
    onSweepUpdated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  function addTrial(sweepId: number, t: FakeTrial): SweepTrial {
    const s = get(sweepId);
    const maximize = s.metric.goal === 'maximize';
    const better = (a: number, b: number) => (maximize ? a > b : a < b);
    const prev = s.trials.at(-1)?.bestSoFar ?? null;
    const bestSoFar = t.value === null ? prev : prev === null || better(t.value, prev) ? t.value : prev;
    const run = makeRun(nextRunId++, { status: t.status, epochsDone: t.epochsDone ?? 2 });
    const trial: SweepTrial = {
      number: s.trials.length,
      params: t.params,
      run,
      value: t.value,
      bestSoFar,
      epochsDone: t.epochsDone ?? 2,
      prunedReason: t.prunedReason ?? null,
    };
    const trials = [...s.trials, trial];
    const statusCounts: Record<string, number> = {};
    for (const x of trials) statusCounts[x.run.status] = (statusCounts[x.run.status] ?? 0) + 1;
    const bestTrial = trials.filter((x) => x.value !== null && x.value === bestSoFar)[0];
    save({ ...s, trials, trialCount: trials.length, statusCounts, bestValue: bestSoFar, bestRunId: bestTrial?.run.id ?? null });
    return trial;
  }

  return {
    calls,
    started,
    addTrial,
    setImportance: (id, rows, method = 'fake importance') => void save({ ...get(id), importance: rows, importanceMethod: method }),
    listenerCount: () => listeners.size,
  };
}

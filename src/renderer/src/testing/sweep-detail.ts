// SweepDetail fixtures for renderer unit tests: trials with params, a value and a status (pruned included).
import type { SweepDetail, SweepTrial } from '../../../shared/api-sweep-types';
import type { RunStatus } from '../../../shared/api-types';
import type { GridValue } from '../../../shared/grid-expand';
import { makeRun } from './make-run';

export function makeTrial(
  number: number,
  params: Record<string, GridValue>,
  value: number | null,
  status: RunStatus = 'completed',
  bestSoFar: number | null = value,
): SweepTrial {
  return {
    number,
    params,
    value,
    bestSoFar,
    run: makeRun(100 + number, { status }),
    epochsDone: status === 'pruned' ? 1 : 2,
    prunedReason: status === 'pruned' ? 'ASHA rung 0 (epoch 1): below the top 1/3' : null,
  };
}

export function makeSweep(trials: SweepTrial[], spec: unknown = {}, overrides: Partial<SweepDetail> = {}): SweepDetail {
  return {
    id: 1,
    number: 1,
    name: 'test sweep',
    method: 'random',
    metric: { name: 'test_accuracy', goal: 'maximize' },
    earlyTerminate: 'hyperband',
    state: 'running',
    createdAt: 1_700_000_000_000,
    runCap: 10,
    trialCount: trials.length,
    statusCounts: {},
    bestRunId: null,
    bestValue: null,
    spec,
    trials,
    importance: [],
    importanceMethod: '',
    ...overrides,
  };
}

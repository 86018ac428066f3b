// RunSummary fixtures for renderer unit tests.
import type { RunSummary } from '../../../shared/api-types';
import { parseRunConfig, type RunConfigInput } from '../../../shared/run-config';
import { tinyConfig } from '../../../shared/testing/configs';

export function makeRun(id: number, overrides: Partial<RunSummary> & { configOverrides?: Partial<RunConfigInput> } = {}): RunSummary {
  const { configOverrides, ...rest } = overrides;
  return {
    id,
    name: `run ${id}`,
    status: 'completed',
    gridId: null,
    gridNumber: null,
    parentId: null,
    config: parseRunConfig(tinyConfig(configOverrides)),
    datasetTitle: 'MNIST',
    createdAt: 1_700_000_000_000 + id,
    startedAt: 1_700_000_000_000 + id,
    finishedAt: 1_700_000_060_000 + id,
    error: null,
    tags: [],
    notes: '',
    epochsDone: 2,
    epochsTotal: 2,
    stepsDone: 16,
    stepsTotal: 16,
    final: null,
    best: null,
    placement: 'local',
    worker: null,
    ...rest,
  };
}

export function scores(testAccuracy: number, trainAccuracy = testAccuracy, trainPassAccuracy: number | null = null) {
  return { epoch: 1, trainLoss: 0.1, trainAccuracy, trainPassLoss: null, trainPassAccuracy, testLoss: 0.2, testAccuracy, valLoss: null, valAccuracy: null };
}

// The runs table's columns: ids resolved the same way for the screen and the exports, unknown and unsafe ids refused.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from './api-types';
import { reportCnnSpec } from './model-presets';
import { parseRunConfig, type RunConfigInput } from './run-config';
import { columnChoices, DEFAULT_RUN_COLUMNS, resolveColumn, type RunColumn } from './run-columns';
import { tinyConfig } from './testing/configs';

function run(id: number, config: Partial<RunConfigInput>): RunSummary {
  const scores = {
    epoch: 2,
    trainLoss: 0.2,
    trainAccuracy: 0.99,
    trainPassLoss: null,
    trainPassAccuracy: null,
    testLoss: 0.1,
    testAccuracy: 0.975,
    valLoss: null,
    valAccuracy: null,
  };
  return {
    id,
    name: `run ${id}`,
    status: 'running',
    gridId: null,
    gridNumber: null,
    parentId: null,
    config: parseRunConfig(tinyConfig(config)),
    datasetTitle: 'MNIST',
    createdAt: 0,
    startedAt: 1_000,
    finishedAt: null,
    error: null,
    tags: ['a', 'b'],
    notes: '',
    epochsDone: 2,
    epochsTotal: 3,
    stepsDone: 16,
    stepsTotal: 24,
    final: scores,
    best: scores,
    placement: 'local',
    worker: null,
  };
}
const runs = [run(1, { optimizer: { type: 'momentum', momentum: 0.9 } }), run(2, { model: reportCnnSpec(), optimizer: { type: 'adam' } })];
const column = (id: string) => resolveColumn(id, runs) as RunColumn;

describe('resolveColumn', () => {
  it('reads run fields, scores and config paths, timing a live run by `now`', () => {
    expect(DEFAULT_RUN_COLUMNS.map((id) => column(id).label)).toEqual([
      'Run',
      'Status',
      'Best test',
      'Final test',
      'Model',
      'Optimizer',
      'LR',
      'L2',
      'Batch',
      'Epochs',
      'Duration',
      'Created',
    ]);
    expect(DEFAULT_RUN_COLUMNS.map((id) => column(id).value(runs[1]!, 61_000))).toEqual([
      'run 2',
      'running',
      0.975,
      0.975,
      'conv 30@5×5 relu · pool 2 · hidden 100 relu',
      'Adam',
      0.1,
      0,
      32,
      2,
      60,
      0,
    ]);
    expect(column('best.epoch').value(runs[0]!, 0)).toBe(3);
    expect(column('final.testLoss')).toMatchObject({ label: 'Final test loss', kind: 'loss' });
    expect(column('optimizer.momentum').value(runs[0]!, 0)).toBe(0.9);
    expect(column('optimizer.momentum').value(runs[1]!, 0)).toBeNull();
    expect(column('config.epochs')).toMatchObject({ label: 'epochs', kind: 'number' });
    expect(column('model.layers.0.filters').label).toBe('conv 1 filters');
    expect(column('model.layers.1.type').label).toBe('model.layers.1.type');
  });

  it('explains an id it cannot resolve, and never reaches a prototype', () => {
    expect(resolveColumn('nope', runs)).toMatch(/^unknown column "nope"/);
    expect(resolveColumn('best.f1', runs)).toMatch(/^unknown score "f1"/);
    for (const id of ['constructor', '__proto__', 'toString', 'config.__proto__.x', 'a..b', 'lr; drop']) expect(typeof resolveColumn(id, runs)).toBe('string');
  });
});

describe('columnChoices', () => {
  it('offers the fields, the scores and the config paths, but not layer positions', () => {
    const ids = columnChoices(runs).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['status', 'best.testAccuracy', 'final.valLoss', 'optimizer.momentum', 'epochs', 'limitTrain']));
    expect(ids.filter((id) => id.startsWith('model.') || id.startsWith('dataset.'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

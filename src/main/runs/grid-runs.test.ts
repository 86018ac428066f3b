// Grids in the store: one experiment and one queued run per cell, all or nothing; cells found back by config.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GridSpec } from '../../shared/grid-spec';
import { mlpSpec, reportCnnSpec } from '../../shared/model-presets';
import type { Store } from '../db';
import { freshStore, sampleConfig, tempFolder, type TempFolder } from '../db/testing/fixtures';
import { createGridRuns, gridCells, loadGrid, scoreCells } from './grid-runs';

let temp: TempFolder;
let store: Store;
beforeEach(() => {
  temp = tempFolder();
  store = freshStore(temp);
});
afterEach(() => {
  store.close();
  temp.remove();
});

const base = {
  dataset: { name: 'mnist' },
  model: mlpSpec({ hidden: [128, 64], activation: 'relu' }),
  optimizer: { type: 'momentum' },
  lr: 0.01,
  batchSize: 128,
  epochs: 5,
  seed: 1,
};

/** Moves a queued run to its end with a test accuracy. */
function finish(id: number, testAccuracy: number, status: 'completed' | 'diverged' = 'completed'): void {
  store.runs.setStatus(id, 'running');
  store.runs.recordEpoch(id, { epoch: 0, stepsDone: 1, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy });
  store.runs.setStatus(id, status);
}

describe('createGridRuns', () => {
  it("stores the report's two stages: 3×3 then, refining it, the 2×2 of its Table 3", () => {
    const first = createGridRuns(store, { name: 'coarse', base, parameters: { lr: { values: [0.0001, 0.001, 0.01] }, l2: { values: [0.001, 0.01, 0.1] } } });
    expect(first.experiment).toMatchObject({ kind: 'grid', name: 'coarse', runCount: 9 });
    expect(first.runs.every((r) => r.status === 'queued' && r.experimentId === first.experiment.id)).toBe(true);
    const second = createGridRuns(store, {
      name: 'fine',
      base: { ...base, epochs: 10 },
      parameters: { lr: { values: [0.01, 0.05] }, l2: { values: [0.0001, 0.001] } },
      parentGridId: first.experiment.id,
    });
    expect(second.runs.map((r) => [r.name, r.config.lr, r.config.l2, r.config.epochs])).toEqual([
      ['lr=0.01 l2=0.0001', 0.01, 0.0001, 10],
      ['lr=0.01 l2=0.001', 0.01, 0.001, 10],
      ['lr=0.05 l2=0.0001', 0.05, 0.0001, 10],
      ['lr=0.05 l2=0.001', 0.05, 0.001, 10],
    ]);
    expect((second.experiment.spec as GridSpec).parentGridId).toBe(first.experiment.id);
  });

  it("reuses the parent grid's completed run for a cell that repeats it, instead of training it again", () => {
    const first = createGridRuns(store, { name: 'coarse', base, parameters: { lr: { values: [0.01, 0.1] } } });
    const [done, other] = first.runs;
    finish(done!.id, 0.9);
    finish(other!.id, 0.8, 'diverged');
    // The refined grid repeats both of the first grid's cells: only the completed one is reused.
    const second = createGridRuns(store, { name: 'fine', base, parameters: { lr: { values: [0.005, 0.01, 0.02, 0.1] } }, parentGridId: first.experiment.id });
    expect(second.reused.map((r) => r.id)).toEqual([done!.id]);
    expect(second.runs.map((r) => r.config.lr)).toEqual([0.005, 0.02, 0.1]);
    const cells = loadGrid(store, second.experiment.id).cells;
    expect(cells.map((c) => [c.params.lr, c.run.id === done!.id])).toEqual([
      [0.005, false],
      [0.01, true],
      [0.02, false],
      [0.1, false],
    ]);
    // It stays the first grid's run (deleting the second grid leaves it), and a third grid finds it through the second.
    expect(store.runs.get(done!.id)!.experimentId).toBe(first.experiment.id);
    const third = createGridRuns(store, { name: 'finer', base, parameters: { lr: { values: [0.01, 0.011] } }, parentGridId: second.experiment.id });
    expect(third.reused.map((r) => r.id)).toEqual([done!.id]);
  });

  it('writes nothing for an invalid spec, an unknown parent or a parent that is not a grid', () => {
    expect(() => createGridRuns(store, { base, parameters: { lr: { values: [0.1, -1] } } })).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'parameters.lr.values.1' }),
    );
    expect(() => createGridRuns(store, { base, parameters: { lr: { values: [0.1] } }, parentGridId: 42 })).toThrow(/experiment 42 does not exist/);
    const single = store.runs.create({ config: sampleConfig() });
    expect(() => createGridRuns(store, { base, parameters: { lr: { values: [0.1] } }, parentGridId: single.experimentId })).toThrow(
      /is a single run, not a grid/,
    );
    expect(store.experiments.list({ kind: 'grid' })).toEqual([]);
    expect(store.runs.count()).toBe(1);
  });

  it('honours run_cap: the first cells in expansion order', () => {
    const { runs } = createGridRuns(store, { base, parameters: { lr: { values: [0.1, 0.2, 0.3] }, batchSize: { values: [32, 64] } }, run_cap: 4 });
    expect(runs.map((r) => r.name)).toEqual(['lr=0.1 batchSize=32', 'lr=0.1 batchSize=64', 'lr=0.2 batchSize=32', 'lr=0.2 batchSize=64']);
  });

  it('names models and layer paths by what they are, not by position', () => {
    const byActivation = createGridRuns(store, {
      base,
      parameters: { 'model.layers.2.type': { values: ['relu', 'tanh'] }, 'model.layers.1.units': { values: [64] } },
    });
    expect(byActivation.experiment.name).toBe('grid hidden 1 activation × hidden 1 units');
    expect(byActivation.runs.map((r) => r.name)).toEqual(['hidden 1 activation=relu hidden 1 units=64', 'hidden 1 activation=tanh hidden 1 units=64']);
    const byModel = createGridRuns(store, { base, parameters: { model: { values: [mlpSpec({ hidden: [128, 64], activation: 'relu' }), reportCnnSpec()] } } });
    expect(byModel.runs.map((r) => r.name)).toEqual(['model=hidden 128·64 relu', 'model=conv 30@5×5 relu · pool 2 · hidden 100 relu']);
    const byOptimizer = createGridRuns(store, {
      base,
      parameters: {
        optimizer: {
          values: [
            { type: 'momentum', momentum: 0.9 },
            { type: 'adam', beta1: 0.8 },
          ],
        },
        seed: { values: [1] },
      },
    });
    expect(byOptimizer.runs.map((r) => r.name)).toEqual(['optimizer=momentum 0.9 seed=1', 'optimizer=adam beta1 0.8 seed=1']);
  });
});

describe('gridCells', () => {
  it('finds each cell its run by config, whatever the runs were renamed to, and skips deleted ones', () => {
    const { experiment, runs } = createGridRuns(store, { base, parameters: { lr: { values: [0.1, 0.2] }, seed: { values: [1, 2] } } });
    store.runs.rename(runs[0]!.id, 'my favourite');
    store.runs.delete(runs[2]!.id);
    const { cells } = loadGrid(store, experiment.id);
    expect(cells.map((c) => [c.params, c.run.id])).toEqual([
      [{ lr: 0.1, seed: 1 }, runs[0]!.id],
      [{ lr: 0.1, seed: 2 }, runs[1]!.id],
      [{ lr: 0.2, seed: 2 }, runs[3]!.id],
    ]);
    expect(gridCells(experiment.spec as GridSpec, [])).toEqual([]);
    expect(() => loadGrid(store, runs[0]!.experimentId + 100)).toThrow(/does not exist/);
  });
});

describe('scoreCells', () => {
  it('ranks completed runs by validation accuracy when they all have it, else by test accuracy', () => {
    const { experiment, runs } = createGridRuns(store, { base, parameters: { lr: { values: [0.1, 0.2, 0.3] } } });
    const finish = (id: number, testAccuracy: number, validationAccuracy?: number) => {
      store.runs.setStatus(id, 'running');
      store.runs.recordEpoch(id, {
        epoch: 0,
        stepsDone: 10,
        trainLoss: 1,
        trainAccuracy: 0.5,
        testLoss: 1,
        testAccuracy,
        validationLoss: 1,
        validationAccuracy,
      });
      store.runs.setStatus(id, 'completed');
    };
    finish(runs[0]!.id, 0.9, 0.8);
    finish(runs[1]!.id, 0.7, 0.95);
    const { cells } = loadGrid(store, experiment.id);
    expect(scoreCells(cells).map((c) => c.score)).toEqual([0.8, 0.95, null]);
    expect(scoreCells(cells, 'test').map((c) => c.score)).toEqual([0.9, 0.7, null]);
    finish(runs[2]!.id, 0.5);
    expect(scoreCells(loadGrid(store, experiment.id).cells).map((c) => c.score)).toEqual([0.9, 0.7, 0.5]);
  });
});

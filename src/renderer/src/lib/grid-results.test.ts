import { describe, expect, it } from 'vitest';
import type { GridDetail } from '../../../shared/api-types';
import { mlpSpec } from '../../../shared/model-presets';
import { makeRun, scores } from '../testing/make-run';
import { defaultHeatmapAxes, formatGridValue, gridColumns, gridHeatmap, gridVaries } from './grid-results';

function grid(): GridDetail {
  const params = [
    { lr: 0.01, l2: 0.001, seed: 1 },
    { lr: 0.01, l2: 0.01, seed: 1 },
    { lr: 0.1, l2: 0.001, seed: 1 },
    { lr: 0.1, l2: 0.01, seed: 1 },
  ];
  const accs = [0.9, 0.8, 0.95, null];
  return {
    id: 1,
    number: 1,
    name: 'g',
    parentGridId: null,
    parentGridNumber: null,
    createdAt: 0,
    runCount: 4,
    statusCounts: {},
    bestRunId: 3,
    spec: { method: 'grid', base: {}, parameters: { lr: { values: [0.01, 0.1] }, l2: { values: [0.001, 0.01] }, seed: { value: 1 } } } as never,
    cells: params.map((p, i) => ({ params: p, run: makeRun(i + 1, { best: accs[i] === null ? null : scores(accs[i]!) }) })),
  };
}

describe('grid results', () => {
  it('makes columns of the varied parameters only', () => {
    expect(gridColumns(grid()).map((c) => c.key)).toEqual(['lr', 'l2']);
  });

  it('lays out the heatmap with nulls for unfinished cells', () => {
    const h = gridHeatmap(grid(), 'lr', 'l2')!;
    expect(h.cells).toEqual([
      [0, 0, 0.9],
      [0, 1, 0.8],
      [1, 0, 0.95],
      [1, 1, null],
    ]);
    expect(gridHeatmap(grid(), 'lr', 'lr')).toBeNull();
  });

  it('names layer parameters by the layer they reach', () => {
    const g = grid();
    const model = mlpSpec({ hidden: [128, 64], activation: 'relu' });
    const spec = { ...g.spec, parameters: { 'model.layers.2.type': { values: ['relu', 'tanh'] }, 'model.layers.3.units': { values: [32, 64] } } };
    const cells = g.cells.map((c) => ({ ...c, run: { ...c.run, config: { ...c.run.config, model } } }));
    expect(gridColumns({ ...g, spec, cells } as never).map((c) => c.label)).toEqual(['hidden 1 activation', 'hidden 2 units']);
  });

  it('names what a grid varies for the list of grids, layers by their layer and fixed values left out', () => {
    expect(gridVaries(grid().spec)).toBe('learning rate × L2');
    const model = mlpSpec({ hidden: [128, 64], activation: 'relu' });
    const spec = {
      method: 'grid',
      base: { model },
      parameters: { 'model.layers.2.type': { values: ['relu', 'tanh'] }, 'model.layers.4.type': { values: ['relu', 'tanh'] } },
    };
    expect(gridVaries(spec as never)).toBe('hidden 1 activation × hidden 2 activation');
    expect(gridVaries({ method: 'grid', base: {}, parameters: { lr: { value: 0.1 } } } as never)).toBe('one cell');
  });

  it('prefers lr × L2 for the heatmap axes', () => {
    expect(defaultHeatmapAxes(gridColumns(grid()))).toEqual(['lr', 'l2']);
  });

  it('formats models and numbers for the table', () => {
    expect(formatGridValue(mlpSpec({ hidden: [128, 64], activation: 'relu' }) as never)).toBe('hidden 128·64 relu');
    expect(formatGridValue(0.0001)).toBe('1e-4');
    expect(formatGridValue({ type: 'momentum', momentum: 0.9 })).toBe('momentum 0.9');
    expect(formatGridValue('relu')).toBe('relu');
  });
});

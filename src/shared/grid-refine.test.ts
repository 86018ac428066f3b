// The refinement rule on the course report's own first-stage results (its Table 2), and its edge cases.
import { describe, expect, it } from 'vitest';
import { expandGrid } from './grid-expand';
import { type GridSpec, gridSpecSchema } from './grid-spec';
import { mlpSpec } from './model-presets';
import { refineGridSpec, type ScoredCell } from './grid-refine';

const small = mlpSpec({ hidden: [64, 64], activation: 'relu' });
const large = mlpSpec({ hidden: [128, 64], activation: 'relu' });

/** The report's first stage: 3 learning rates × 2 hidden sizes × 3 L2 strengths, 5 epochs. */
const stage1: GridSpec = gridSpecSchema.parse({
  name: 'stage 1',
  base: { dataset: { name: 'mnist' }, model: small, optimizer: { type: 'momentum', momentum: 0.9 }, lr: 0.01, batchSize: 128, epochs: 5, seed: 1 },
  parameters: { lr: { values: [0.0001, 0.001, 0.01] }, model: { values: [small, large] }, l2: { values: [0.001, 0.01, 0.1] } },
});

/** Table 2's test accuracies, in the grid's expansion order (lr slowest, l2 fastest). */
const TABLE_2 = [0.1149, 0.1149, 0.1149, 0.1149, 0.1149, 0.1149, 0.763, 0.5822, 0.1149, 0.7891, 0.7428, 0.1149, 0.964, 0.9333, 0.1149, 0.9718, 0.9414, 0.1149];
const scored: ScoredCell[] = expandGrid(stage1).map((c, i) => ({ params: c.params, score: TABLE_2[i]! }));

describe('refineGridSpec', () => {
  it("proposes the report's second stage: around lr 0.01 and l2 0.001, the [128, 64] model fixed, longer training", () => {
    const spec = refineGridSpec(stage1, 7, scored, { base: { epochs: 10 } });
    expect(spec).toEqual({
      name: 'stage 1 (refined)',
      method: 'grid',
      base: { ...stage1.base, epochs: 10 },
      parameters: { lr: { values: [0.003162, 0.01, 0.03162] }, model: { value: large }, l2: { values: [0.0003162, 0.001, 0.003162] } },
      parentGridId: 7,
    });
    // It is a valid grid of 9 runs, each a full config.
    const cells = expandGrid(gridSpecSchema.parse(spec));
    expect(cells).toHaveLength(9);
    expect(cells[0]!.config).toMatchObject({ lr: 0.003162, l2: 0.0003162, epochs: 10, model: large });
  });

  it('seeds from the top N cells: the union of their neighbourhoods, both models kept', () => {
    const spec = refineGridSpec(stage1, 7, scored, { top: 2 });
    expect(spec.parameters.model).toEqual({ values: [small, large] });
    expect(spec.parameters.lr).toEqual({ values: [0.003162, 0.01, 0.03162] });
  });

  it('subdivides finer with perSide, linearly for a linear range, and keeps integers integral', () => {
    const first = gridSpecSchema.parse({
      base: stage1.base,
      parameters: { 'optimizer.momentum': { min: 0.5, max: 0.9, count: 3 }, 'model.layers.1.units': { values: [32, 64, 128] }, seed: { value: 3 } },
    });
    const cells = expandGrid(first).map((c) => ({
      params: c.params,
      score: c.params['optimizer.momentum'] === 0.7 && c.params['model.layers.1.units'] === 64 ? 1 : 0,
    }));
    const spec = refineGridSpec(first, 1, cells, { perSide: 2 });
    expect(spec.parameters['optimizer.momentum']).toEqual({ values: [0.6, 0.65, 0.7, 0.75, 0.8] });
    // 32…128 spans a factor of 4 (< 10): linear, step 32 → ±8, ±16.
    expect(spec.parameters['model.layers.1.units']).toEqual({ values: [48, 56, 64, 72, 80] });
    expect(spec.parameters.seed).toEqual({ value: 3 });
  });

  it('searches past the edge on a log scale but never below zero on a linear one', () => {
    const first = gridSpecSchema.parse({ base: stage1.base, parameters: { lr: { min: 0.001, max: 0.1, count: 3, log: true }, l2: { values: [0, 0.5, 1] } } });
    const cells = expandGrid(first).map((c) => ({ params: c.params, score: c.params.lr === 0.1 && c.params.l2 === 0 ? 1 : 0 }));
    const spec = refineGridSpec(first, 1, cells);
    expect(spec.parameters.lr).toEqual({ values: [0.03162, 0.1, 0.3162] });
    expect(spec.parameters.l2).toEqual({ values: [0, 0.25] });
  });

  it('ignores unfinished cells and refuses a grid without any score', () => {
    const partial = scored.map((c, i) => (i === 15 ? { ...c, score: null } : c));
    expect(refineGridSpec(stage1, 7, partial).parameters.model).toEqual({ value: small }); // 0.964 wins now
    expect(() =>
      refineGridSpec(
        stage1,
        7,
        scored.map((c) => ({ ...c, score: null })),
      ),
    ).toThrow(/no cell of the first grid has a score/);
  });
});

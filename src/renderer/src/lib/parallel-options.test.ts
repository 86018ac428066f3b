// Parallel coordinates: the colour bar and the axes' labels drawn where none covers another (the issue's defect 5).
import { describe, expect, it } from 'vitest';
import type { GridDetail } from '../../../shared/api-types';
import { makeRun, scores } from '../testing/make-run';
import { labelBoxes, overlaps, renderSvg } from '../testing/svg-labels';
import { gridParallelOption } from './grid-options';
import { gridColumns } from './grid-results';
import { parallelOption } from './parallel-options';

/** A refined grid as in the issue: lr 0.07 and 0.075 × three L2 strengths, all within a percent of each other. */
function grid(): GridDetail {
  const params = [0.07, 0.075].flatMap((lr) => [1e-4, 1e-3, 1e-2].map((l2) => ({ lr, l2 })));
  const accs = [0.9731, 0.9745, 0.9712, 0.9768, 0.9752, 0.9702];
  return {
    id: 1,
    number: 1,
    name: 'g',
    parentGridId: null,
    parentGridNumber: null,
    createdAt: 0,
    runCount: 6,
    statusCounts: {},
    bestRunId: 4,
    spec: { method: 'grid', base: {}, parameters: { lr: { values: [0.07, 0.075] }, l2: { values: [1e-4, 1e-3, 1e-2] } } } as never,
    cells: params.map((p, i) => ({ params: p, run: makeRun(i + 1, { best: scores(accs[i]!) }) })),
  };
}

describe('parallel coordinates', () => {
  it("draws a grid's colour bar, axis names and ticks without one label over another", () => {
    const g = grid();
    for (const [w, h] of [
      [520, 360],
      [720, 360],
      [900, 360],
    ] as const) {
      const boxes = labelBoxes(renderSvg(gridParallelOption(g, gridColumns(g), 'light'), w, h));
      expect(boxes.some((b) => b.text === '97.7%')).toBe(true);
      expect(overlaps(boxes), `at ${w} px`).toEqual([]);
    }
  });

  it('cuts long category labels to the room between axes', () => {
    const model = 'conv 30@5×5 relu · pool 2 · hidden 100 relu';
    const option = parallelOption({
      axes: [
        { id: 'model', name: 'Model', kind: 'category', categories: ['hidden 128·64 relu', model], log: false },
        { id: 'optimizer.type', name: 'optimizer.type', kind: 'category', categories: ['momentum', 'adam'], log: false },
        { id: 'lr', name: 'LR', kind: 'number', categories: [], log: true },
      ],
      rows: [
        ['hidden 128·64 relu', 'momentum', 0.05, 0.97],
        [model, 'adam', 0.001, 0.98],
      ],
      metric: { id: 'best.testAccuracy', name: 'Best test', percent: true },
      theme: 'dark',
      width: 560,
    });
    expect(overlaps(labelBoxes(renderSvg(option, 560, 360)))).toEqual([]);
  });
});

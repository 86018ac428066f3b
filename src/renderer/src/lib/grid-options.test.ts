import { describe, expect, it } from 'vitest';
import type { GridDetail } from '../../../shared/api-types';
import { makeRun, scores } from '../testing/make-run';
import { overlaps, renderedTexts } from '../testing/chart-layout';
import { gridParallelOption } from './grid-options';
import { gridColumns } from './grid-results';

/** A refined grid: close learning rates (0.07 and 0.075), as the report's second stage tries. */
function refined(): GridDetail {
  const lrs = [0.075, 0.05, 0.07, 0.1, 0.01];
  const l2s = [0, 0.0001];
  const params = lrs.flatMap((lr) => l2s.map((l2) => ({ lr, l2 })));
  return {
    id: 1,
    number: 1,
    name: 'g',
    parentGridId: null,
    parentGridNumber: null,
    createdAt: 0,
    runCount: params.length,
    statusCounts: {},
    bestRunId: 1,
    spec: { method: 'grid', base: {}, parameters: { lr: { values: lrs }, l2: { values: l2s } } } as never,
    cells: params.map((p, i) => ({ params: p, run: makeRun(i + 1, { best: scores(0.8 + i / 100) }) })),
  };
}

describe('grid parallel coordinates', () => {
  it('gives each parameter one tick per value tried, in ascending order, written as in the table', () => {
    const option = gridParallelOption(refined(), gridColumns(refined()), 'light') as {
      parallelAxis: { name: string; type: string; data?: string[] }[];
      series: { data: unknown[][] }[];
    };
    expect(option.parallelAxis.slice(0, 2)).toEqual([
      expect.objectContaining({ name: 'learning rate', type: 'category', data: ['0.01', '0.05', '0.07', '0.075', '0.1'] }),
      expect.objectContaining({ name: 'L2', type: 'category', data: ['0', '1e-4'] }),
    ]);
    expect(option.series[0]!.data[0]!.slice(0, 2)).toEqual(['0.075', '0']);
  });

  it('draws close learning rates apart', () => {
    const option = gridParallelOption(refined(), gridColumns(refined()), 'light');
    const texts = renderedTexts(option, 600, 320);
    const lr = ['0.07', '0.075'].map((t) => texts.find((b) => b.text === t)!);
    expect(lr.every(Boolean)).toBe(true);
    expect(overlaps(lr[0]!, lr[1]!)).toBe(false);
  });
});

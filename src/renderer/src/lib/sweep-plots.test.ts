import { describe, expect, it } from 'vitest';
import { makeSweep, makeTrial } from '../testing/sweep-detail';
import { contourMap, contourOption, idw } from './sweep-contour';
import { historyOption, importanceOption, sliceOption, sweepParallelOption } from './sweep-plots';
import { defaultContourAxes, formatMetric, sweepColumns } from './sweep-trials';

type Series = { name?: string; type: string; data: unknown[] };
const series = (o: unknown) => (o as { series: Series[] }).series;

const spec = { parameters: { lr: { distribution: 'log_uniform_values' }, batchSize: { values: [32, 64] }, optimizer: { values: ['sgd', 'adam'] } } };
const sweep = makeSweep(
  [
    makeTrial(0, { lr: 0.001, batchSize: 32, optimizer: 'sgd' }, 0.8),
    makeTrial(1, { lr: 0.1, batchSize: 64, optimizer: 'adam' }, 0.11, 'pruned', 0.8),
    makeTrial(2, { lr: 0.01, batchSize: 32, optimizer: 'adam' }, 0.9),
    makeTrial(3, { lr: 0.003, batchSize: 64, optimizer: 'sgd' }, null, 'running', 0.9),
    makeTrial(4, { lr: 0.0003, batchSize: 64, optimizer: 'sgd' }, 0.7, 'completed', 0.9),
  ],
  spec,
);

describe('sweep columns', () => {
  it('reads each parameter as numeric or not, log when sampled log-uniform, and drops constants', () => {
    const cols = sweepColumns(makeSweep([...sweep.trials.map((t) => ({ ...t, params: { ...t.params, epochs: 3 } }))], spec));
    expect(cols.map((c) => [c.key, c.numeric, c.log])).toEqual([
      ['lr', true, true],
      ['batchSize', true, false],
      ['optimizer', false, false],
    ]);
    expect(defaultContourAxes(cols)).toEqual(['lr', 'batchSize']);
  });

  it('writes accuracies as percent and losses as numbers', () => {
    expect(formatMetric('test_accuracy', 0.91234)).toBe('91.23%');
    expect(formatMetric('val_loss', 0.123456)).toBe('0.1235');
    expect(formatMetric('val_loss', null)).toBe('—');
  });
});

describe('optimisation history', () => {
  it('marks pruned trials apart and draws the best so far as a step line', () => {
    const s = series(historyOption(sweep, 'light'));
    const byName = Object.fromEntries(s.map((x) => [x.name, x]));
    expect((byName.Completed!.data as { value: number[] }[]).map((d) => d.value)).toEqual([
      [0, 0.8],
      [2, 0.9],
      [4, 0.7],
    ]);
    expect((byName.Pruned!.data as { value: number[] }[]).map((d) => d.value)).toEqual([[1, 0.11]]);
    expect(byName['Running / other']!.data).toEqual([]);
    expect(byName['Best so far']!.data).toEqual([
      [0, 0.8],
      [1, 0.8],
      [2, 0.9],
      [3, 0.9],
      [4, 0.9],
    ]);
    expect((byName['Best so far'] as unknown as { step: string }).step).toBe('end');
  });
});

describe('importance', () => {
  it('puts the most important parameter on top (the last category)', () => {
    const o = importanceOption(
      [
        { path: 'lr', importance: 0.7 },
        { path: 'l2', importance: 0.1 },
        { path: 'batchSize', importance: 0.2 },
      ],
      'dark',
    ) as { yAxis: { data: string[] } };
    expect(o.yAxis.data).toEqual(['L2 strength', 'Batch size', 'Learning rate']);
  });
});

describe('slices and parallel coordinates', () => {
  it('plot scored trials only, pruned ones in their own series, on a log axis for lr', () => {
    const [lr] = sweepColumns(sweep);
    const o = sliceOption(sweep, lr!, 'light') as { xAxis: { type: string } };
    expect(o.xAxis.type).toBe('log');
    const [done, pruned] = series(o);
    expect(done!.data).toHaveLength(3);
    expect(pruned!.data).toHaveLength(1);
  });

  it('give one line per scored trial with the metric last', () => {
    const o = sweepParallelOption(sweep, sweepColumns(sweep), 'light', 900) as {
      parallelAxis: { name: string; type: string }[];
      series: { data: unknown[][] }[];
    };
    expect(o.parallelAxis.map((a) => a.type)).toEqual(['log', 'value', 'category', 'value']);
    expect(o.series[0]!.data).toEqual([
      [0.001, 32, 'sgd', 0.8],
      [0.1, 64, 'adam', 0.11],
      [0.01, 32, 'adam', 0.9],
      [0.0003, 64, 'sgd', 0.7],
    ]);
    expect(sweepParallelOption(makeSweep([]), [], 'light')).toBeNull();
  });
});

describe('contour', () => {
  it("interpolates by inverse distance and takes a trial's value on top of it", () => {
    expect(
      idw(0, 0, [
        [0, 0, 5],
        [1, 1, 1],
      ]),
    ).toBe(5);
    expect(
      idw(0.5, 0.5, [
        [0, 0, 4],
        [1, 1, 2],
      ]),
    ).toBeCloseTo(3);
    // Twice as far from the second point: weights 1/1 and 1/4.
    expect(
      idw(0, 0, [
        [1, 0, 1],
        [2, 0, 6],
      ]),
    ).toBeCloseTo((1 + 6 / 4) / (1 + 1 / 4));
  });

  it('maps two numeric parameters on their own scales, and needs 3 scored trials', () => {
    const [lr, batch] = sweepColumns(sweep);
    const map = contourMap(sweep.trials, lr!, batch!, 4)!;
    expect(map.cells).toHaveLength(16);
    expect(map.points.map((p) => p.number)).toEqual([0, 1, 2, 4]);
    // The ends of the trials' values, 4 % of the span further out.
    const span = -1 - Math.log10(0.0003);
    expect(map.x.lo).toBeCloseTo(Math.log10(0.0003) - 0.04 * span);
    expect(map.x.hi).toBeCloseTo(-1 + 0.04 * span);
    expect(map.y.lo).toBeCloseTo(32 - 1.28);
    expect(map.y.hi).toBeCloseTo(64 + 1.28);
    for (const [, , v] of map.cells) {
      expect(v).toBeGreaterThanOrEqual(0.11);
      expect(v).toBeLessThanOrEqual(0.9);
    }
    const o = contourOption(map, sweep, 'light') as { xAxis: { type: string; min: number }[]; series: Series[] };
    expect(o.xAxis.map((a) => a.type)).toEqual(['category', 'log']);
    expect(o.xAxis[1]!.min).toBeCloseTo(10 ** map.x.lo);
    expect(series(o).map((s) => s.type)).toEqual(['heatmap', 'scatter']);
    expect(contourMap(sweep.trials.slice(0, 2), lr!, batch!)).toBeNull();
  });
});

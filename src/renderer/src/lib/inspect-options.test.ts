import { describe, expect, it } from 'vitest';
import type { ParamHistogram, WeightMatrix } from '../../../shared/api-inspect-types';
import { overlaps, renderedTexts } from '../testing/chart-layout';
import { confusionOption, histogramBins, histogramOption, weightHeatmapOption } from './inspect-options';

const stats = { count: 4, min: -1, max: 1, mean: 0, std: 1, l2: 2, positiveShare: 0.5, zeros: 0, nonFinite: 0 };

describe('inspect options', () => {
  it('puts histogram bins at their centres', () => {
    expect(histogramBins({ min: -1, max: 1, counts: [1, 2, 3, 4] })).toEqual({ centers: [-0.75, -0.25, 0.25, 0.75], width: 0.5 });
  });

  it('scales a weight heatmap symmetrically around zero', () => {
    const m: WeightMatrix = { runId: 1, epoch: 0, param: 'w', shape: [2, 2], rows: 2, cols: 2, values: [0.1, -0.4, 0.2, 0.3], stats, deadUnits: [1] };
    const opt = weightHeatmapOption(m, 'light') as { visualMap: { min: number; max: number }; series: { data: number[][] }[] };
    expect(opt.visualMap).toMatchObject({ min: -0.4, max: 0.4 });
    expect(opt.series[0]!.data).toContainEqual([1, 0, -0.4]);
  });

  it("keeps the colour bar's labels off the heatmap, at any width", () => {
    const m: WeightMatrix = {
      runId: 1,
      epoch: 0,
      param: 'w',
      shape: [32, 784],
      rows: 32,
      cols: 200,
      values: Array.from({ length: 6400 }, (_, i) => Math.sin(i) * 1.234e-3),
      stats,
      deadUnits: [],
    };
    const option = weightHeatmapOption(m, 'light');
    const grid = (option as { grid: { left: number; right: number; top: number; bottom: number } }).grid;
    for (const width of [420, 700, 1100]) {
      const plot = { x0: grid.left, x1: width - grid.right, y0: grid.top, y1: 340 - grid.bottom };
      const labels = renderedTexts(option, width, 340).filter((t) => /^-?0\.0012/.test(t.text));
      expect(labels.map((l) => l.text)).toEqual(['-0.001234', '0.001234']);
      for (const l of labels)
        expect({ width, label: l.text, overlaps: overlaps(l, plot), inside: l.x1 <= width }).toEqual({ width, label: l.text, overlaps: false, inside: true });
    }
  });

  it('lays the confusion matrix out as [predicted, true, count] and hides empty cells', () => {
    const opt = confusionOption(
      {
        runId: 1,
        epoch: 0,
        epochs: [0],
        split: 'test',
        classNames: ['a', 'b'],
        counts: [
          [5, 1],
          [0, 4],
        ],
        accuracy: 0.9,
      },
      'dark',
    ) as {
      series: { data: { value: number[]; itemStyle: { color: string } }[] }[];
    };
    const cells = opt.series[0]!.data;
    expect(cells.map((c) => c.value)).toEqual([
      [0, 0, 5],
      [1, 0, 1],
      [0, 1, 0],
      [1, 1, 4],
    ]);
    expect(cells[2]!.itemStyle.color).toBe('transparent');
  });

  it('counts a histogram in whole ticks, however few the values', () => {
    const h: ParamHistogram = {
      param: 'layers.3.bias',
      layer: 'layers.3',
      role: 'bias',
      shape: [10],
      min: -0.1,
      max: 0.1,
      counts: [1, 0, 2, 3, 1, 0, 2, 1],
      stats,
      gradNorm: null,
    };
    const counts = renderedTexts(histogramOption(h, 'light', { compact: true }), 380, 190)
      .filter((t) => t.x1 < 42)
      .map((t) => t.text);
    expect(counts.length).toBeGreaterThan(1);
    for (const c of counts) expect(c).toMatch(/^\d+$/);
  });

  it('histogram tooltips are not broken by an empty parameter', () => {
    const h: ParamHistogram = { param: 'b', layer: 'l', role: 'bias', shape: [1], min: 0, max: 0, counts: [], stats, gradNorm: null };
    expect(histogramBins(h)).toEqual({ centers: [], width: 0 });
  });
});

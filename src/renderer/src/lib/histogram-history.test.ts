import { describe, expect, it } from 'vitest';
import type { ParamHistory } from '../../../shared/api-inspect-types';
import { renderedTexts } from '../testing/chart-layout';
import { bandsOption, histogramQuantile, ridgeLabel, ridgeOption } from './histogram-history';

/** Three epochs of a weight spreading out: a narrowing peak at 0 that widens. */
const history: ParamHistory = {
  runId: 1,
  param: 'layers.1.weight',
  role: 'weight',
  shape: [4, 4],
  epochs: [
    { epoch: 0, min: -0.1, max: 0.1, counts: [2, 12, 2] },
    { epoch: 1, min: -0.2, max: 0.2, counts: [1, 3, 8, 3, 1] },
    { epoch: 2, min: -0.4, max: 0.4, counts: [2, 4, 4, 4, 2] },
  ],
};

describe('histogramQuantile', () => {
  it('reads quantiles off the bins, linearly inside a bin', () => {
    const h = { min: 0, max: 4, counts: [1, 1, 1, 1] };
    expect(histogramQuantile(h, 0)).toBe(0);
    expect(histogramQuantile(h, 0.5)).toBe(2);
    expect(histogramQuantile(h, 0.625)).toBe(2.5);
    expect(histogramQuantile(h, 1)).toBe(4);
    expect(histogramQuantile({ min: 0, max: 1, counts: [0, 0] }, 0.5)).toBeNaN();
  });
});

describe('ridgeOption', () => {
  it('draws one ridge per epoch, the latest at the bottom and in front, each labelled', () => {
    const option = ridgeOption(history, 'light') as { series: { name: string; z: number; areaStyle: { origin: number }; data: number[][] }[] };
    expect(option.series.map((s) => [s.name, s.areaStyle.origin])).toEqual([
      ['epoch 1', 2],
      ['epoch 2', 1],
      ['epoch 3', 0],
    ]);
    expect(option.series[2]!.z).toBeGreaterThan(option.series[0]!.z);
    // Bin centres of the last epoch, its peak rising from its base.
    expect(option.series[2]!.data.map((d) => Number(d[0]!.toFixed(2)))).toEqual([-0.32, -0.16, 0, 0.16, 0.32]);
    const labels = renderedTexts(option, 500, 300)
      .map((t) => t.text)
      .filter((t) => t.startsWith('epoch'));
    expect(labels.sort()).toEqual([1, 2, 3].map((e) => ridgeLabel(e - 1)));
  });
});

describe('bandsOption', () => {
  it('draws four quantile bands and the median over the epochs', () => {
    const option = bandsOption(history, 'light') as { series: { name?: string; data: number[][] }[] };
    expect(option.series.filter((s) => s.name).map((s) => s.name)).toEqual(['0–100 %', '7–93 %', '16–84 %', '31–69 %', 'median']);
    const median = option.series.at(-1)!.data;
    expect(median.map((d) => d[0])).toEqual([1, 2, 3]);
    expect(median.map((d) => Number(d[1]!.toFixed(6)))).toEqual([0, 0, 0]);
    // The outer band's width is the range: 0.2, 0.4, 0.8.
    expect(option.series[1]!.data.map((d) => Number(d[1]!.toFixed(6)))).toEqual([0.2, 0.4, 0.8]);
  });
});

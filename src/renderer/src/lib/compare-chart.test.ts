// The compare chart (the defect 4): close runs spread over the height, clean ticks, no label over another,
// zoom on both axes, a log scale for losses, and grouped runs drawn as a band.
import { describe, expect, it } from 'vitest';
import { labelBoxes, overlaps, renderSvg } from '../testing/svg-labels';
import { meanStdBand } from './compare-bands';
import { compareChartOption, type CompareLine } from './compare-chart';

/** Four grid runs within a percent of each other over 5 epochs of 0.88 (x in epochs). */
const close: CompareLine[] = [0.971, 0.974, 0.976, 0.979].map((top, i) => ({
  name: `#${i + 1} lr=0.0${i + 5}`,
  color: i,
  x: [0.88, 1.76, 2.64, 3.52, 4.4, 5.28],
  y: [top - 0.02, top - 0.01, top - 0.006, top - 0.003, top - 0.001, top],
}));
const yLabels = (svg: string) =>
  labelBoxes(svg)
    .map((b) => b.text)
    .filter((t) => t.endsWith('%'));

describe('compareChartOption', () => {
  const spec = { lines: close, bands: [], perEpoch: true, x: 'epoch' as const, percent: true, log: false, theme: 'light' as const };

  it('fits y to runs within a percent, with clean percent ticks, and keeps labels apart', () => {
    for (const width of [460, 700]) {
      const svg = renderSvg(compareChartOption(spec), width, 320);
      const ticks = yLabels(svg).map((t) => Number(t.slice(0, -1)));
      expect(Math.min(...ticks)).toBeGreaterThanOrEqual(94);
      expect(Math.max(...ticks)).toBeLessThanOrEqual(100);
      // One step between ticks, and every tick a round number of it (no 97.31%).
      const step = ticks[1]! - ticks[0]!;
      for (const t of ticks) expect(Math.abs(t / step - Math.round(t / step))).toBeLessThan(1e-6);
      expect(overlaps(labelBoxes(svg)), `at ${width} px`).toEqual([]);
    }
  });

  it('ends the x axis on a round epoch, not at the data (no 5.28 or 5.72)', () => {
    const svg = renderSvg(compareChartOption(spec), 700, 320);
    const xs = labelBoxes(svg)
      .map((b) => b.text)
      .filter((t) => /^\d+(\.\d+)?$/.test(t))
      .map(Number);
    expect(xs.length).toBeGreaterThan(2);
    for (const x of xs) expect(Number.isInteger(x * 2)).toBe(true);
  });

  it('counts epochs in whole numbers when there are few (no 0.5 or 2.5 epoch)', () => {
    const lines = close.map((l) => ({ ...l, x: [1, 2, 3], y: l.y.slice(0, 3) }));
    const svg = renderSvg(compareChartOption({ ...spec, lines }), 750, 320);
    const xs = labelBoxes(svg)
      .map((b) => b.text)
      .filter((t) => /^\d+(\.\d+)?$/.test(t))
      .map(Number);
    expect(xs.length).toBeGreaterThan(2);
    expect(xs.filter((x) => !Number.isInteger(x))).toEqual([]);
  });

  it('zooms both axes (wheel on x, shift+wheel on y, a dragged box on both) and offers a log scale', () => {
    const option = compareChartOption({ ...spec, percent: false, log: true, perEpoch: false }) as {
      dataZoom: object[];
      toolbox: { feature: { dataZoom: object } };
      yAxis: { type: string };
    };
    expect(option.dataZoom).toEqual([
      expect.objectContaining({ xAxisIndex: 0, zoomOnMouseWheel: true }),
      expect.objectContaining({ yAxisIndex: 0, zoomOnMouseWheel: 'shift' }),
    ]);
    expect(option.toolbox.feature.dataZoom).toMatchObject({ xAxisIndex: 0, yAxisIndex: 0 });
    expect(option.yAxis.type).toBe('log');
    const svg = renderSvg(option, 600, 320);
    const ticks = labelBoxes(svg).map((b) => b.text);
    expect(ticks).toContain('1');
  });

  it('hides the zoom window’s edge labels, which are not round', () => {
    const option = compareChartOption({ ...spec, zoomed: true }) as { xAxis: { axisLabel: object }; yAxis: { axisLabel: object } };
    expect(option.xAxis.axisLabel).toMatchObject({ showMinLabel: false, showMaxLabel: false });
    expect(option.yAxis.axisLabel).toMatchObject({ showMinLabel: false, showMaxLabel: false });
  });

  it('draws a group as a mean line inside a filled ±1 std band', () => {
    const band = meanStdBand(close.slice(0, 3).map((l) => ({ x: l.x, y: l.y })))!;
    const svg = renderSvg(compareChartOption({ ...spec, lines: [], bands: [{ name: 'optimizer = adam (3)', color: 1, band }] }), 600, 320);
    expect(svg).toMatch(/fill-opacity="0\.18"/);
    expect(labelBoxes(svg).map((b) => b.text)).toContain('optimizer = adam (3)');
  });
});

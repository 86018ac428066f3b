// The reproduction's figures: line comparisons, heatmap panels, value distributions and matrix pictures.
import { describe, expect, it } from 'vitest';
import { distributionOption } from './distribution-figure';
import { renderSvg } from './echarts-svg';
import { heatmapPanelsOption, SEQUENTIAL } from './heatmap-figure';
import { LINE_PALETTE, legendRows, linePanelsOption, shortNumber } from './lines-figure';
import { colorAt, matrixImageSvg, tickIndices, tickStep } from './matrix-image-figure';

type Series = { name: string; color: string; xAxisIndex: number; data: [number, number | null][]; showSymbol: boolean; lineStyle: { type: string } };

describe('linePanelsOption', () => {
  const option = linePanelsOption(
    'Loss',
    [
      {
        title: 'train',
        xName: 'epoch',
        yName: 'loss',
        series: [
          {
            name: 'A',
            points: [
              [1, 2],
              [2, 1],
            ],
          },
          {
            name: 'B',
            points: [
              [1, 3],
              [2, null],
            ],
            dashed: true,
          },
        ],
      },
      { title: 'test', xName: 'epoch', yName: 'loss', series: [{ name: 'B', points: [[1, 2.5]] }], xMin: 1, integerX: true },
    ],
    { width: 800 },
  ) as unknown as { series: Series[]; grid: unknown[]; xAxis: { min: unknown; minInterval?: number }[]; legend: { data: string[] } };

  it('gives a name one colour in every panel and lists each name once', () => {
    expect(option.grid).toHaveLength(2);
    expect(option.legend.data).toEqual(['A', 'B']);
    const b = option.series.filter((s) => s.name === 'B');
    expect(b.map((s) => s.xAxisIndex)).toEqual([0, 1]);
    expect(b.map((s) => s.color)).toEqual([LINE_PALETTE[1], LINE_PALETTE[1]]);
    expect(b[0]!.data).toEqual([
      [1, 3],
      [2, null],
    ]);
    expect(b[0]!.lineStyle.type).toBe('dashed');
  });

  it('starts an epoch axis where asked, on whole-number ticks', () => {
    expect(option.xAxis[0]).toMatchObject({ min: 'dataMin' });
    expect(option.xAxis[1]).toMatchObject({ min: 1, minInterval: 1 });
  });

  it('wraps the legend by width, and prints ticks without float noise', () => {
    expect(legendRows(['ReLU + ReLU'], 800)).toBe(1);
    expect(
      legendRows(
        Array.from({ length: 9 }, () => 'Sigmoid + Sigmoid'),
        800,
      ),
    ).toBe(3);
    expect(shortNumber(0.30000000000000004)).toBe('0.3');
    expect(shortNumber(-0.0556084997951984)).toBe('-0.05561');
  });

  it('renders to SVG', () => {
    expect(renderSvg(option as never, { width: 800, height: 400, theme: 'light' })).toContain('Loss');
  });
});

describe('heatmapPanelsOption', () => {
  const option = heatmapPanelsOption(
    'Grid',
    'sub',
    [
      {
        title: 'ours',
        xName: 'L2',
        yName: 'lr',
        xLabels: ['a', 'b'],
        yLabels: ['0.1', '0.01'],
        values: [
          [0.5, null],
          [NaN, 80],
        ],
      },
    ],
    { min: 0, max: 100, colors: SEQUENTIAL, cellLabel: (v) => v.toFixed(1), scaleName: 'acc.' },
  ) as unknown as { series: { data: [number, number, number | string][] }[]; yAxis: { data: string[] }[]; visualMap: { text: string[] } };

  it('puts row 0 at the top and leaves missing cells blank', () => {
    expect(option.yAxis[0]!.data).toEqual(['0.01', '0.1']);
    expect(option.series[0]!.data).toEqual([
      [0, 1, 0.5],
      [1, 1, '-'],
      [0, 0, '-'],
      [1, 0, 80],
    ]);
  });

  it('labels the colour scale with its ends', () => {
    expect(option.visualMap.text).toEqual(['acc.\n100', '0']);
    expect(renderSvg(option as never, { width: 500, height: 400, theme: 'light' })).toContain('80.0');
  });
});

describe('distributionOption', () => {
  it('bins each panel over its own range and marks zero when the range spans it', () => {
    const option = distributionOption(
      'D',
      undefined,
      [
        { title: 'w', note: 'n', values: [-1, -0.5, 0.5, 1] },
        { title: 'b', note: 'n', values: [1, 2, 3] },
      ],
      4,
    ) as unknown as { series: { data: [number, number][]; markLine?: unknown }[] };
    // Bins are half-open but the last holds the maximum: -1 | -0.5 | (none) | 0.5 and 1.
    expect(option.series[0]!.data).toEqual([
      [-0.75, 1],
      [-0.25, 1],
      [0.25, 0],
      [0.75, 2],
    ]);
    expect(option.series[0]!.markLine).toBeDefined();
    expect(option.series[1]!.data.map((d) => d[1])).toEqual([1, 0, 1, 1]);
    expect(option.series[1]!.markLine).toBeUndefined();
  });
});

describe('matrixImageSvg', () => {
  const scale = { min: -1, max: 1, colors: ['#0000ff', '#ffffff', '#ff0000'], name: 'w' };

  it('maps values onto the colour stops, clamped, with gray for NaN', () => {
    expect(colorAt(-1, scale)).toEqual([0, 0, 255]);
    expect(colorAt(0, scale)).toEqual([255, 255, 255]);
    expect(colorAt(0.5, scale)).toEqual([255, 128, 128]);
    expect(colorAt(7, scale)).toEqual([255, 0, 0]);
    expect(colorAt(NaN, scale)).toEqual([160, 160, 160]);
  });

  it('ticks on round labels from the first one', () => {
    expect(tickStep(64, 12)).toBe(10);
    expect(tickStep(128, 16)).toBe(10);
    expect(tickStep(784, 16)).toBe(50);
    expect(tickIndices(64, 1, 10)).toEqual([0, 9, 19, 29, 39, 49, 59]);
    expect(tickIndices(112, 337, 10)).toEqual([3, 13, 23, 33, 43, 53, 63, 73, 83, 93, 103]);
  });

  it('draws the matrix as one RGB PNG picture under an escaped title', () => {
    const svg = matrixImageSvg({ rows: 2, cols: 3, values: [-1, 0, 1, 0.5, NaN, -0.5], rowName: 'unit', colName: 'input' }, scale, 'W <1>', 'sub', {
      width: 400,
      height: 300,
      theme: 'light',
    });
    const images = [...svg.matchAll(/href="data:image\/png;base64,([^"]+)"/g)];
    expect(images).toHaveLength(1);
    const png = Buffer.from(images[0]![1]!, 'base64');
    expect(png.readUInt32BE(16)).toBe(3); // width
    expect(png.readUInt32BE(20)).toBe(2); // height
    expect(png[25]).toBe(2); // colour type RGB
    expect(svg).toContain('W &lt;1&gt;');
  });
});

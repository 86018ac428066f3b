// Figures: which series a curves option draws and where, and that ECharts renders it to SVG without a DOM.
import { describe, expect, it } from 'vitest';
import { METRIC_KEYS, type MetricPoints } from '../../shared/api-inspect-types';
import { confusionOption } from './confusion-figure';
import { curvesOption } from './curves-figure';
import { renderSvg } from './echarts-svg';
import { histogramsOption } from './histograms-figure';
import { imageGridSvg } from './image-grid-figure';
import { crc32, grayscalePng } from './png';

const points = (key: string, steps: number[], epochs: number[], values: (number | null)[]): MetricPoints => ({
  key,
  steps,
  epochs,
  values,
  times: steps.map(() => 0),
});

const runA = {
  name: 'A',
  stepsPerEpoch: 10,
  metrics: new Map([
    [METRIC_KEYS.loss, points(METRIC_KEYS.loss, [5, 10, 15, 20], [0, 0, 1, 1], [2, 1.5, null, 1])],
    [METRIC_KEYS.testLoss, points(METRIC_KEYS.testLoss, [10, 20], [0, 1], [1.4, 1.1])],
    [METRIC_KEYS.testAccuracy, points(METRIC_KEYS.testAccuracy, [10, 20], [0, 1], [0.5, 0.75])],
  ]),
};

describe('curvesOption', () => {
  it('puts step points on the epoch axis and skips keys a run lacks', () => {
    const option = curvesOption('loss', [runA]) as { series: { name: string; data: [number, number | null][] }[] };
    expect(option.series.map((s) => s.name)).toEqual(['train', 'test']);
    expect(option.series[0]!.data).toEqual([
      [0.5, 2],
      [1, 1.5],
      [1.5, null],
      [2, 1],
    ]);
    expect(option.series[1]!.data).toEqual([
      [1, 1.4],
      [2, 1.1],
    ]);
  });

  it('draws accuracy in percent and names series by run when comparing', () => {
    const option = curvesOption('accuracy', [runA, { ...runA, name: 'B' }]) as { series: { name: string; data: [number, number][] }[] };
    expect(option.series.map((s) => s.name)).toEqual(['A · test', 'B · test']);
    expect(option.series[0]!.data).toEqual([
      [1, 50],
      [2, 75],
    ]);
  });

  it('renders to an SVG of the asked size', () => {
    const svg = renderSvg(curvesOption('loss', [runA]), { width: 320, height: 200, theme: 'dark' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="320"');
    expect(svg).toContain('height="200"');
    expect(svg).toContain('Loss — A');
  });

  it("titles a one-run figure with the run's name; several runs name themselves in the legend", () => {
    expect((curvesOption('lr', [runA]) as { title: { text: string } }).title.text).toBe('Learning rate — A');
    expect((curvesOption('lr', [runA, { ...runA, name: 'B' }]) as { title: { text: string } }).title.text).toBe('Learning rate');
  });
});

describe('confusionOption', () => {
  it('places true classes top-down and counts as cells', () => {
    const option = confusionOption(
      {
        runId: 1,
        epoch: 0,
        epochs: [0],
        split: 'test',
        classNames: ['0', '1'],
        counts: [
          [5, 1],
          [2, 7],
        ],
        accuracy: 12 / 15,
      },
      'run',
    ) as { series: { data: [number, number, number][] }[] };
    // Class 0 (true) is the top row: y index 1 of 2.
    expect(option.series[0]!.data).toEqual([
      [0, 1, 5],
      [1, 1, 1],
      [0, 0, 2],
      [1, 0, 7],
    ]);
    expect(renderSvg(option as never, { width: 300, height: 300, theme: 'light' })).toContain('80.00%');
  });
});

describe('histogramsOption', () => {
  it('draws one panel per param over its bin centres', () => {
    const stats = { count: 4, min: 0, max: 1, mean: 0.5, std: 0.1, l2: 1, positiveShare: 1, zeros: 0, nonFinite: 0 };
    const option = histogramsOption(
      {
        runId: 1,
        epoch: 2,
        epochs: [2],
        params: [
          { param: 'layers.1.weight', layer: 'layers.1', role: 'weight', shape: [2, 2], min: 0, max: 1, counts: [1, 3], stats, gradNorm: null },
          { param: 'layers.1.bias', layer: 'layers.1', role: 'bias', shape: [2], min: -1, max: 1, counts: [2, 0, 0, 0], stats, gradNorm: null },
        ],
      },
      'h',
    ) as { grid: unknown[]; series: { data: [number, number][] }[] };
    expect(option.grid).toHaveLength(2);
    expect(option.series[0]!.data).toEqual([
      [0.25, 1],
      [0.75, 3],
    ]);
    expect(option.series[1]!.data.map((d) => d[0])).toEqual([-0.75, -0.25, 0.25, 0.75]);
  });
});

describe('weight pictures', () => {
  it('encodes PNG chunks with the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const png = grayscalePng(Uint8Array.from([0, 255, 128, 64]), 2, 2);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(Buffer.from(png.subarray(12, 16)).toString('ascii')).toBe('IHDR');
  });

  it('lays the tiles out under an escaped title', () => {
    const svg = imageGridSvg({ count: 3, height: 2, width: 2, pixels: new Uint8Array(12) }, 'a <b> & c', 'sub', { width: 300, height: 200, theme: 'light' });
    expect(svg.match(/<image /g)).toHaveLength(3);
    expect(svg).toContain('a &lt;b&gt; &amp; c');
  });
});

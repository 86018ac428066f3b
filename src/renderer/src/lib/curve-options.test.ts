import { describe, expect, it } from 'vitest';
import { curveOption, linePoints } from './curve-options';

const ramp = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('linePoints', () => {
  it('maps steps to x and keeps nulls as gaps when nothing is cut', () => {
    expect(linePoints([10, 20, 30], [1, null, 3], (s) => s / 10, 100)).toEqual([
      [1, 1],
      [2, null],
      [3, 3],
    ]);
  });

  it('cuts long lines to the maximum, keeping the first and last points', () => {
    const steps = ramp(10_000);
    const pts = linePoints(
      steps,
      steps.map((s) => Math.sin(s / 100)),
      (s) => s,
      500,
    );
    expect(pts).toHaveLength(500);
    expect(pts[0]![0]).toBe(1);
    expect(pts[499]![0]).toBe(10_000);
  });
});

describe('curveOption', () => {
  const base = { x: 'epoch' as const, stepsPerEpoch: 100, theme: 'light' as const };
  const stepLine = { name: 'train', steps: ramp(300), values: ramp(300).map((s) => 1 / s), color: 0, kind: 'step' as const };
  const epochLine = { name: 'test', steps: [100, 200, 300], values: [0.5, 0.3, 0.2], color: 1, kind: 'epoch' as const };

  it('draws a smoothed line over a faint raw one for per-step series', () => {
    const opt = curveOption({ ...base, smoothing: 0.6, lines: [stepLine, epochLine] }) as { series: { lineStyle: { opacity?: number }; data: number[][] }[] };
    expect(opt.series).toHaveLength(3);
    expect(opt.series[0]!.lineStyle.opacity).toBeLessThan(0.5);
    // Epoch x: the test points sit at epochs 1, 2, 3.
    expect(opt.series[2]!.data.map((p) => p[0])).toEqual([1, 2, 3]);
  });

  it('leaves out empty lines and draws raw only without smoothing', () => {
    const opt = curveOption({ ...base, smoothing: 0, lines: [stepLine, { ...epochLine, steps: [], values: [] }] }) as {
      series: unknown[];
      legend: { data: string[] };
    };
    expect(opt.series).toHaveLength(1);
    expect(opt.legend.data).toEqual(['train']);
  });

  it("writes one axis's ticks in one notation and percent ticks without padding", () => {
    const lr = { name: 'lr', steps: [1, 2, 3], values: [0.001, 0.0008, 0.0006], color: 0, kind: 'step' as const };
    const lrAxis = (curveOption({ ...base, smoothing: 0, lines: [lr] }) as { yAxis: { axisLabel: { formatter: (v: number) => string } } }).yAxis;
    expect([0.0006, 0.0008, 0.001].map(lrAxis.axisLabel.formatter)).toEqual(['6e-4', '8e-4', '1e-3']);
    const acc = (curveOption({ ...base, smoothing: 0, yPercent: true, lines: [epochLine] }) as { yAxis: { axisLabel: { formatter: (v: number) => string } } })
      .yAxis;
    expect([0.8, 0.9, 1].map(acc.axisLabel.formatter)).toEqual(['80%', '90%', '100%']);
  });

  it('heads the tooltip with a whole step, or an epoch', () => {
    type Heading = { xAxis: { axisPointer: { label: { formatter: (p: { value: number }) => string } } } };
    const steps = (curveOption({ ...base, x: 'step', smoothing: 0, lines: [stepLine] }) as Heading).xAxis.axisPointer.label.formatter;
    expect(steps({ value: 15 })).toBe('step 15');
    expect(steps({ value: 15.000000001 })).toBe('step 15');
    const epochs = (curveOption({ ...base, smoothing: 0, lines: [stepLine] }) as Heading).xAxis.axisPointer.label.formatter;
    expect(epochs({ value: 1.5 })).toBe('epoch 1.5');
  });

  it('falls back to steps when steps per epoch are unknown', () => {
    const opt = curveOption({ ...base, stepsPerEpoch: null, smoothing: 0, lines: [epochLine] }) as { series: { data: number[][] }[]; xAxis: { name: string } };
    expect(opt.xAxis.name).toBe('step');
    expect(opt.series[0]!.data.map((p) => p[0])).toEqual([100, 200, 300]);
  });
});

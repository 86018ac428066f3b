// Figure helpers for the sections: a chart option rendered to SVG, a run's stored curves, per-epoch series.
import { METRIC_KEYS, type MetricPoints } from '../../shared/api-inspect-types';
import { downsampleSeries } from '../../shared/downsample';
import type { EpochRecord, RunDetail } from '../../shared/api-types';
import { CURVE_LINES, curvesOption, type CurveKind } from '../report/curves-figure';
import { type EChartsOption, renderSvg } from '../report/echarts-svg';
import type { LineSeries } from '../report/lines-figure';
import { svgToPng } from '../report/svg-to-png';
import type { ReportFigure } from './document';
import type { Call } from '../../shared/api-dispatch';
import { smoothedSeries, smoothingWindow } from './smoothing';

export interface FigureSize {
  readonly width: number;
  readonly height: number;
}

export const ONE_PANEL: FigureSize = { width: 800, height: 480 };
export const TWO_PANELS: FigureSize = { width: 1100, height: 480 };

/** The x axis of per-epoch lines: epochs 1…n on whole-number ticks. */
export const EPOCH_AXIS = { xName: 'epoch', xMin: 1, integerX: true } as const;
/** The x axis of per-step lines drawn in epochs: from 0, ticks on whole epochs. */
export const STEP_AXIS = { xName: 'epoch', xMin: 0, integerX: true } as const;

/** Points per step-level curve: more than any figure's width in pixels needs. */
const CURVE_POINTS = 1200;
/** Every stored point (a 10-epoch MNIST run logs under 5000 steps), so smoothing sees them all. */
const ALL_POINTS = 100_000;

/** A figure from its SVG, rasterised to PNG here (so the report's wall time includes it). */
export function makeFigure(id: string, title: string, caption: string, svg: string): ReportFigure {
  return { id, title, caption, svg, png: svgToPng(svg) };
}

/** A figure from an ECharts option, rendered once to SVG (light theme, no animation). */
export function chartFigure(id: string, title: string, caption: string, option: EChartsOption, size: FigureSize): ReportFigure {
  // Arial's metrics are what ECharts lays text out with when it renders without a canvas (Liberation Sans has them).
  const withFont = { textStyle: { fontFamily: "Arial, 'Liberation Sans', Helvetica, sans-serif" }, ...option } as EChartsOption;
  return makeFigure(id, title, caption, renderSvg(withFont, { ...size, theme: 'light' }));
}

/** Steps per epoch of a finished run (null before its data was loaded). */
export function stepsPerEpoch(run: RunDetail): number | null {
  return run.stepsTotal && run.epochsTotal ? run.stepsTotal / run.epochsTotal : null;
}

/**
 * A run's loss, accuracy or learning-rate curves as the app draws them, under `title`; the per-step training
 * loss smoothed over a tenth of an epoch (see smoothing.ts).
 */
export async function curvesFigure(call: Call, run: RunDetail, kind: CurveKind, id: string, title: string, caption: string): Promise<ReportFigure> {
  const keys = CURVE_LINES[kind].map((l) => l.key);
  const series = await call('getMetrics', { runId: run.id, keys, maxPoints: ALL_POINTS });
  const window = smoothingWindow(stepsPerEpoch(run));
  const metrics = new Map<string, MetricPoints>(
    series.map((s) => [s.key, s.key === METRIC_KEYS.loss ? smoothedSeries(s, window, CURVE_POINTS) : downsampleSeries(s, CURVE_POINTS)]),
  );
  const option = curvesOption(kind, [{ name: run.name, stepsPerEpoch: stepsPerEpoch(run), metrics }]);
  return chartFigure(id, title, caption, { ...option, title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 15 } } }, ONE_PANEL);
}

/** One line per run over epochs 1…n of a per-epoch score (accuracies in percent). */
export function epochLines(
  runs: readonly RunDetail[],
  pick: (e: EpochRecord) => number | null,
  percent = false,
  name = (r: RunDetail) => r.name,
): LineSeries[] {
  return runs.map((r) => ({
    name: name(r),
    points: r.epochs.map((e): [number, number | null] => {
      const v = pick(e);
      return [e.epoch + 1, v === null || !Number.isFinite(v) ? null : percent ? v * 100 : v];
    }),
  }));
}

/** One line per run of a step-level metric smoothed over a tenth of an epoch, x in epochs (step / steps per epoch). */
export async function smoothedStepLines(
  call: Call,
  runs: readonly RunDetail[],
  key: string,
  maxPoints = 600,
  name = (r: RunDetail) => r.name,
): Promise<LineSeries[]> {
  return Promise.all(
    runs.map(async (r) => {
      const [raw] = await call('getMetrics', { runId: r.id, keys: [key], maxPoints: ALL_POINTS });
      const spe = stepsPerEpoch(r) ?? 1;
      const s = smoothedSeries(raw!, smoothingWindow(spe), maxPoints);
      return { name: name(r), points: s.steps.map((step, i): [number, number | null] => [step / spe, s.values[i] ?? null]) };
    }),
  );
}

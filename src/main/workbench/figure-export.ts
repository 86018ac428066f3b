// Which figure to draw for exportFigure, from what the store holds: curves, confusion, histograms, weight pictures.
import type { CallInput } from '../../shared/api-contract';
import type { MetricPoints } from '../../shared/api-inspect-types';
import { ConflictError } from '../../shared/api-wire';
import { decodeBase64 } from '../../shared/base64';
import { ValidationError } from '../../shared/validation';
import type { Run, Store } from '../db';
import { confusionOption } from '../report/confusion-figure';
import { CURVE_LINES, curvesOption, type CurveKind, type CurveRun } from '../report/curves-figure';
import { renderSvg } from '../report/echarts-svg';
import { histogramsOption } from '../report/histograms-figure';
import { imageGridSvg } from '../report/image-grid-figure';
import { FACT_KEYS } from '../runs/run-metrics';
import type { InspectCalls } from './inspect-calls';
import type { MetricCalls } from './metric-calls';

/** Points per step-level curve in a figure: more than any figure's width in pixels needs. */
const FIGURE_POINTS = 1500;
/** Weight pictures in one figure (the report's MLP has 128 first-layer units). */
const FIGURE_IMAGES = 256;

export interface FigureSources {
  readonly store: Store;
  readonly metrics: MetricCalls;
  readonly inspect: InspectCalls;
}

/** The figure as an SVG document. Curves compare any number of runs; the other figures show one. */
export function figureSvg(input: CallInput<'exportFigure'>, runs: readonly Run[], src: FigureSources): string {
  const size = { width: input.width, height: input.height, theme: input.theme };
  if (input.figure === 'loss' || input.figure === 'accuracy' || input.figure === 'lr') {
    return renderSvg(
      curvesOption(
        input.figure,
        runs.map((r) => curveRun(r, input.figure as CurveKind, src)),
      ),
      size,
    );
  }
  if (runs.length !== 1) throw new ValidationError('runIds', `a ${input.figure} figure shows one run: give exactly one id`);
  const run = runs[0]!;
  switch (input.figure) {
    case 'confusion':
      return renderSvg(confusionOption(src.inspect.getConfusion({ runId: run.id, epoch: input.epoch, split: 'test' }), run.name), size);
    case 'histograms':
      return renderSvg(histogramsOption(src.inspect.getHistograms({ runId: run.id, epoch: input.epoch }), `${run.name}: parameter distributions`), size);
    case 'first-layer-weights':
    case 'conv-kernels': {
      const param = input.figure === 'conv-kernels' ? convWeight(run) : undefined;
      const set = src.inspect.getWeightImages({ runId: run.id, epoch: input.epoch, param, normalize: 'per-image', maxImages: FIGURE_IMAGES });
      const g = set.grids[0]!;
      const what = g.kind === 'conv' ? `${g.count} kernels of ${g.height}×${g.width}` : `${g.count} units as ${g.height}×${g.width} pictures`;
      const subtitle = `${g.param}, epoch ${set.epoch + 1}: ${what} (gray = 0, dark < 0 < light)`;
      return imageGridSvg({ count: g.count, height: g.height, width: g.width, pixels: decodeBase64(g.pixels) }, run.name, subtitle, size);
    }
  }
}

function curveRun(r: Run, kind: CurveKind, src: FigureSources): CurveRun {
  const metrics = new Map<string, MetricPoints>();
  // Decimated in SQLite: a 100k-step series never crosses into JS whole.
  for (const line of CURVE_LINES[kind]) metrics.set(line.key, src.metrics.points(r, line.key, undefined, FIGURE_POINTS));
  const spe = src.store.metrics.series(r.id, FACT_KEYS.stepsPerEpoch).values.at(-1);
  return { name: r.name, stepsPerEpoch: spe && Number.isFinite(spe) ? spe : null, metrics };
}

/** The first Conv2d weight's param name. @throws ConflictError for a model without one. */
function convWeight(run: Run): string {
  const i = run.config.model.layers.findIndex((l) => l.type === 'conv2d');
  if (i < 0) throw new ConflictError(`run ${run.id} has no convolution layer: export first-layer-weights instead`);
  return `layers.${i}.weight`;
}

// A compare panel's data: each run's curve (smoothed where the metric is per step, the raw one kept faint), or, when
// runs are grouped, each group's mean ± std band over its runs' smoothed curves.
import type { MetricSeries } from '../../../shared/api-inspect-types';
import type { RunSummary } from '../../../shared/api-types';
import type { CompareXAxis } from './compare-axis';
import { meanStdBand, type Curve, type RunGroup } from './compare-bands';
import type { CompareBand, CompareLine } from './compare-chart';
import type { MetricInfo } from './compare-metrics';
import { smoothEma } from '../../../shared/ema';

export type SeriesOf = (runId: number) => MetricSeries | undefined;

function curveOf(run: RunSummary, s: MetricSeries, axis: CompareXAxis, info: MetricInfo, smoothing: number): { curve: Curve; raw?: Curve } {
  const x = axis.x(run, s);
  if (!info.smooth || smoothing <= 0) return { curve: { x, y: s.values } };
  return { curve: { x, y: smoothEma(s.values, smoothing) }, raw: { x, y: s.values } };
}

/** One line per run with points of this metric; `color` is the run's place among the compared runs. */
export function runLines(runs: readonly RunSummary[], seriesOf: SeriesOf, axis: CompareXAxis, info: MetricInfo, smoothing: number): CompareLine[] {
  return runs.flatMap((run, color) => {
    const s = seriesOf(run.id);
    if (!s || s.steps.length === 0) return [];
    const { curve, raw } = curveOf(run, s, axis, info, smoothing);
    return [{ name: `#${run.id} ${run.name}`, color, x: curve.x, y: curve.y, raw }];
  });
}

/** One band per group whose runs have points of this metric. */
export function groupBands(groups: readonly RunGroup[], seriesOf: SeriesOf, axis: CompareXAxis, info: MetricInfo, smoothing: number): CompareBand[] {
  return groups.flatMap((group, color) => {
    const curves = group.runs.flatMap((run) => {
      const s = seriesOf(run.id);
      return s && s.steps.length > 0 ? [curveOf(run, s, axis, info, smoothing).curve] : [];
    });
    const band = meanStdBand(curves);
    return band ? [{ name: `${group.label} (${band.n})`, color, band }] : [];
  });
}

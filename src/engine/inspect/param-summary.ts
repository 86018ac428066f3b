// Per-param and per-layer summaries of a model's parameters, cheap enough to take every epoch.
import type { Param } from '../layers/layer';
import type { Shape } from '../tensor';
import { histogram, type Histogram } from './histogram';
import { l2Norm, valueStats, type ValueStats } from './stats';

export interface ParamSummary {
  readonly name: string;
  readonly role: Param['role'];
  readonly shape: Shape;
  /** Statistics of the values (l2 is the weight norm, positiveShare the sign balance). */
  readonly values: ValueStats;
  /** L2 norm of the current gradient (of the last backward, L2 term included). */
  readonly gradNorm: number;
  readonly histogram: Histogram;
  /** Only when asked for with `gradHistograms`. */
  readonly gradHistogram?: Histogram;
}

export interface LayerSummary {
  /** The params' common prefix, e.g. "layers.0" for "layers.0.weight" and "layers.0.bias". */
  readonly layer: string;
  readonly params: readonly ParamSummary[];
}

export interface SummaryOptions {
  /** Histogram bins (default 30). */
  readonly bins?: number;
  /** Also histogram each gradient (default false). */
  readonly gradHistograms?: boolean;
}

/** Summary of one param: value statistics, weight and gradient norms, histogram(s). */
export function summarizeParam(param: Param, options: SummaryOptions = {}): ParamSummary {
  const bins = options.bins ?? 30;
  const summary: ParamSummary = {
    name: param.name,
    role: param.role,
    shape: param.shape.slice(),
    values: valueStats(param.value),
    gradNorm: l2Norm(param.grad),
    histogram: histogram(param.value, bins),
  };
  return options.gradHistograms ? { ...summary, gradHistogram: histogram(param.grad, bins) } : summary;
}

/** Summaries grouped by layer (the name up to its last "."), in the params' order. */
export function summarizeParams(params: readonly Param[], options: SummaryOptions = {}): LayerSummary[] {
  const layers: { layer: string; params: ParamSummary[] }[] = [];
  for (const p of params) {
    const dot = p.name.lastIndexOf('.');
    const layer = dot < 0 ? p.name : p.name.slice(0, dot);
    let group = layers.find((l) => l.layer === layer);
    if (!group) {
      group = { layer, params: [] };
      layers.push(group);
    }
    group.params.push(summarizeParam(p, options));
  }
  return layers;
}

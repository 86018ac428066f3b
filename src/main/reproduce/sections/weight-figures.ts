// Reading a run's final weights through the API, and drawing them: as pictures (first layer, conv kernels) or heatmaps.
import type { ValueStats } from '../../../engine/inspect/stats';
import type { RunDetail } from '../../../shared/api-types';
import { decodeBase64 } from '../../../shared/base64';
import { DIVERGING } from '../../report/heatmap-figure';
import { imageGridSvg } from '../../report/image-grid-figure';
import { matrixImageSvg } from '../../report/matrix-image-figure';
import { deadUnitsKey } from '../../runs/run-metrics';
import type { ReportFigure } from '../document';
import { makeFigure } from '../figures';
import type { Call } from '../../../shared/api-dispatch';

export interface WeightValues {
  readonly param: string;
  readonly shape: readonly number[];
  /** Read as [rows, cols] (a bias is one row). */
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly number[];
  readonly stats: ValueStats;
}

/** Enough cells that none of the report's weights is pooled (the largest is 128 × 784). */
const WHOLE = 1_000_000;

/** The final values of `param`, unpooled. @throws Error if the API pooled them (a weight over a million values). */
export async function readWeight(call: Call, runId: number, param: string): Promise<WeightValues> {
  const m = await call('getWeightMatrix', { runId, param, maxCells: WHOLE });
  const size = m.shape.reduce((a, b) => a * b, 1);
  if (m.rows * m.cols !== size) throw new Error(`weight ${param} of run ${runId} came back pooled (${m.rows}×${m.cols} of ${size})`);
  return { param, shape: m.shape, rows: m.rows, cols: m.cols, values: m.values, stats: m.stats };
}

/** "0 of 128" dead ReLU units of `layer` (e.g. "layers.2") on the worker's probe batch at the last inspection. */
export async function deadUnits(call: Call, runId: number, layer: string): Promise<string> {
  const [dead, units] = await call('getMetrics', { runId, keys: [deadUnitsKey(layer, 'dead'), deadUnitsKey(layer, 'units')], maxPoints: 2 });
  const d = dead?.values.at(-1);
  const u = units?.values.at(-1);
  return d === undefined || d === null ? '–' : `${d} of ${u ?? '?'}`;
}

/** `param` (a first-layer Linear or a Conv2d weight) as a grid of grayscale pictures, each scaled to its own range. */
export async function firstLayerFigure(call: Call, run: RunDetail, param: string, id: string, title: string, caption: string): Promise<ReportFigure> {
  const set = await call('getWeightImages', { runId: run.id, param, normalize: 'per-image', maxImages: 256 });
  const g = set.grids[0]!;
  const what = g.kind === 'conv' ? `${g.count} kernels of ${g.height}×${g.width}` : `${g.count} units as ${g.height}×${g.width} pictures`;
  const subtitle = `run ${run.id}, epoch ${set.epoch + 1}: ${what}, each scaled to its own range (gray = 0, dark < 0 < light)`;
  const size = g.kind === 'conv' ? { width: 760, height: 460 } : { width: 1000, height: 660 };
  const svg = imageGridSvg({ count: g.count, height: g.height, width: g.width, pixels: decodeBase64(g.pixels) }, title, subtitle, { ...size, theme: 'light' });
  return makeFigure(id, title, caption, svg);
}

/** The |value| below which `q` of the values lie: a colour scale that outliers do not wash out. */
export function absQuantile(values: readonly number[], q: number): number {
  const abs = values
    .filter(Number.isFinite)
    .map(Math.abs)
    .sort((a, b) => a - b);
  if (abs.length === 0) return 1;
  return abs[Math.min(abs.length - 1, Math.floor(q * (abs.length - 1)))]! || 1;
}

/** A window of a weight matrix as a diverging colour picture (blue < 0 < red), colours clipped at the 99th |w| percentile. */
export function weightHeatmapFigure(
  id: string,
  title: string,
  caption: string,
  w: WeightValues,
  window: { rows: number; cols: number; rowStart?: number; colStart?: number },
): ReportFigure {
  const r0 = window.rowStart ?? 0;
  const c0 = window.colStart ?? 0;
  const rows = Math.min(window.rows, w.rows - r0);
  const cols = Math.min(window.cols, w.cols - c0);
  const flat: number[] = [];
  for (let r = 0; r < rows; r++) flat.push(...w.values.slice((r0 + r) * w.cols + c0, (r0 + r) * w.cols + c0 + cols));
  const clip = absQuantile(flat, 0.99);
  const matrix = {
    rows,
    cols,
    values: flat,
    rowStart: r0 + 1,
    colStart: c0 + 1,
    rowName: 'unit',
    colName: c0 === 0 && cols === w.cols ? 'input' : 'input pixel',
  };
  const subtitle = `${w.param} [${w.shape.join('×')}], rows ${r0 + 1}–${r0 + rows} × columns ${c0 + 1}–${c0 + cols}; colour clipped at ±${clip.toPrecision(2)} (99th percentile of |w|)`;
  const size = { width: 1000, height: Math.round(Math.min(720, Math.max(420, 130 + (rows * 820) / cols))), theme: 'light' as const };
  return makeFigure(id, title, caption, matrixImageSvg(matrix, { min: -clip, max: clip, colors: DIVERGING, name: 'weight' }, title, subtitle, size));
}

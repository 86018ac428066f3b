// A grid's results arranged for its table (the report's Tables 2 and 3), its two-parameter heatmap and its
// parallel-coordinates view.
import type { GridDetail } from '../../../shared/api-types';
import type { ModelSpec } from '../../../engine/models/spec';
import type { GridValue } from '../../../shared/grid-expand';
import type { GridSpec } from '../../../shared/grid-spec';
import { describeGridValue, parameterValues } from '../../../shared/grid-expand';
import { describeConfigPath } from '../../../shared/describe-model';
import { formatParam } from './format';

export interface GridColumn {
  /** The parameter path ("lr", "model"). */
  readonly key: string;
  readonly label: string;
  readonly numeric: boolean;
  /** Values in the grid's order. */
  readonly values: readonly GridValue[];
}

const LABELS: Record<string, string> = {
  lr: 'learning rate',
  l2: 'L2',
  batchSize: 'batch',
  model: 'model',
  epochs: 'epochs',
  'optimizer.momentum': 'momentum',
};

/** A grid parameter as people name it: "learning rate", or a layer path by its layer ("hidden 1 units"). */
export function parameterLabel(key: string, model: ModelSpec | undefined): string {
  return (Object.hasOwn(LABELS, key) ? LABELS[key] : undefined) ?? describeConfigPath(key, model);
}

/** The grid's parameters that take more than one value (the ones worth a column), layer paths named by their layer. */
export function gridColumns(grid: GridDetail): GridColumn[] {
  const model = grid.cells[0]?.run.config.model;
  return Object.entries(grid.spec.parameters)
    .map(([key, p]) => {
      const values = parameterValues(p);
      return { key, label: parameterLabel(key, model), numeric: values.every((v) => typeof v === 'number'), values };
    })
    .filter((c) => c.values.length > 1);
}

/** What a grid varies, for its row in the list of grids: "learning rate × L2", "hidden 1 activation × hidden 2 activation". */
export function gridVaries(spec: GridSpec): string {
  const varied = Object.entries(spec.parameters).filter(([, p]) => parameterValues(p).length > 1);
  return varied.map(([key]) => parameterLabel(key, spec.base.model)).join(' × ') || 'one cell';
}

/** A parameter value as a table shows it: numbers the report's way, models by their layers, optimizers by type. */
export function formatGridValue(v: GridValue | undefined): string {
  if (v === undefined) return '—';
  return typeof v === 'number' ? formatParam(v) : describeGridValue(v);
}

export interface HeatmapData {
  readonly x: GridColumn;
  readonly y: GridColumn;
  /** [xIndex, yIndex, best test accuracy or null]; with more parameters, the best over them. */
  readonly cells: readonly [number, number, number | null][];
}

/** Best test accuracy over (x, y) value pairs; null when the grid lacks either parameter. */
export function gridHeatmap(grid: GridDetail, xKey: string, yKey: string): HeatmapData | null {
  const cols = gridColumns(grid);
  const x = cols.find((c) => c.key === xKey);
  const y = cols.find((c) => c.key === yKey);
  if (!x || !y || x === y) return null;
  const key = (v: GridValue | undefined) => JSON.stringify(v);
  const xi = new Map(x.values.map((v, i) => [key(v), i]));
  const yi = new Map(y.values.map((v, i) => [key(v), i]));
  const best = new Map<string, number | null>();
  for (const cell of grid.cells) {
    const i = xi.get(key(cell.params[x.key]));
    const j = yi.get(key(cell.params[y.key]));
    if (i === undefined || j === undefined) continue;
    const k = `${i},${j}`;
    const acc = cell.run.best?.testAccuracy ?? null;
    const prev = best.get(k);
    best.set(k, prev === undefined || prev === null ? acc : acc === null ? prev : Math.max(prev, acc));
  }
  const cells: [number, number, number | null][] = [];
  for (let i = 0; i < x.values.length; i++) for (let j = 0; j < y.values.length; j++) cells.push([i, j, best.get(`${i},${j}`) ?? null]);
  return { x, y, cells };
}

/** The two parameters to start the heatmap with: lr × L2 when the grid has both, else the first two. */
export function defaultHeatmapAxes(cols: readonly GridColumn[]): [string, string] | null {
  if (cols.length < 2) return null;
  const has = (k: string) => cols.some((c) => c.key === k);
  if (has('lr') && has('l2')) return ['lr', 'l2'];
  return [cols[0]!.key, cols[1]!.key];
}

// The second stage of a two-stage grid search: a finer grid proposed around the best cells of a first one.
import { type GridParameterSource, type GridValue, parameterValues } from './grid-expand';
import type { GridSpec, GridSpecInput } from './grid-spec';
import type { RunConfigInput } from './run-config';

export interface ScoredCell {
  readonly params: Readonly<Record<string, GridValue>>;
  /** Higher is better; null for a cell that did not finish (it never wins). */
  readonly score: number | null;
}

export interface RefineOptions {
  /** How many of the best cells seed the finer grid (default 1). */
  readonly top?: number;
  /** Values added on each side of a best numeric value (default 1). */
  readonly perSide?: number;
  /** Changes for the second stage, e.g. `{ epochs: 10 }` (the report trained its second stage longer). */
  readonly base?: Partial<RunConfigInput>;
  readonly name?: string;
  readonly run_cap?: number;
}

/**
 * Proposes the finer grid; the caller may edit it before starting it. The rule, per parameter:
 *
 * - A parameter with one value keeps it.
 * - Non-numeric values (a model, an optimizer, an activation) are fixed to those of the `top` best cells.
 * - Numbers are searched around each winner `b` over ± half the first grid's step at `b`, with `perSide`
 *   values on each side. With `r` the ratio (or `d` the distance) from `b` to its nearest neighbour in the
 *   first grid, the values are `b·r^(j/2k)` on a log scale or `b + j·d/2k` on a linear one, for
 *   j = −k…k (k = perSide). So with k = 1 and a decade-spaced first grid: b/√10, b, b·√10.
 *   A parameter is on a log scale if its range says `log`, or if its values are all > 0 and span at
 *   least a factor of 10. A winner at the edge of the first grid is searched past the edge too: the
 *   optimum may lie there. Integer parameters stay integers; positive ones stay > 0, non-negative ones ≥ 0.
 *   New values are rounded to 4 significant digits.
 *
 * @param first the first grid's spec; its `base` is kept, with `options.base` applied over it.
 * @param firstId the first grid's experiment id, recorded as `parentGridId`.
 */
export function refineGridSpec(first: GridSpec, firstId: number, cells: readonly ScoredCell[], options: RefineOptions = {}): GridSpecInput {
  const top = Math.max(1, options.top ?? 1);
  const k = Math.max(1, options.perSide ?? 1);
  const winners = cells
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.score !== null && Number.isFinite(c.score))
    .sort((a, b) => b.c.score! - a.c.score! || a.i - b.i)
    .slice(0, top)
    .map(({ c }) => c);
  if (winners.length === 0) throw new RangeError('no cell of the first grid has a score to refine around');

  const parameters: Record<string, GridParameterSource> = {};
  for (const [key, p] of Object.entries(first.parameters)) {
    const firstValues = parameterValues(p);
    // In the first grid's order, so the finer grid reads like the first one.
    const order = firstValues.map((v) => JSON.stringify(v));
    const best = distinct(winners.map((w) => w.params[key]).filter((v): v is GridValue => v !== undefined)).sort(
      (a, b) => order.indexOf(JSON.stringify(a)) - order.indexOf(JSON.stringify(b)),
    );
    if (firstValues.length <= 1 || best.length === 0) parameters[key] = p;
    else if (firstValues.every(isNumber) && best.every(isNumber)) parameters[key] = { values: refineNumbers(p, firstValues, best, k) };
    else parameters[key] = best.length === 1 ? { value: best[0]! } : { values: best };
  }
  return {
    name: options.name ?? `${first.name ?? `grid ${firstId}`} (refined)`,
    method: 'grid',
    base: { ...first.base, ...options.base },
    parameters,
    ...(options.run_cap !== undefined && { run_cap: options.run_cap }),
    parentGridId: firstId,
  } as GridSpecInput;
}

function refineNumbers(p: GridParameterSource, firstValues: number[], best: number[], k: number): number[] {
  const sorted = [...new Set(firstValues)].sort((a, b) => a - b);
  const positive = sorted[0]! > 0;
  const nonNegative = sorted[0]! >= 0;
  const integer = p.integer === true || sorted.every(Number.isInteger);
  const log = p.log === true || (p.log === undefined && p.min === undefined && positive && sorted.at(-1)! / sorted[0]! >= 10);
  const out = new Set<number>();
  for (const b of best) {
    const i = sorted.indexOf(b);
    const neighbours = [sorted[i - 1], sorted[i + 1]].filter((n): n is number => n !== undefined && n !== b);
    for (let j = -k; j <= k; j++) {
      let v: number;
      if (j === 0 || neighbours.length === 0) v = b;
      else if (log && b > 0) {
        const r = Math.min(...neighbours.map((n) => Math.max(n / b, b / n)));
        v = round4(b * r ** (j / (2 * k)));
      } else {
        const d = Math.min(...neighbours.map((n) => Math.abs(n - b)));
        v = round4(b + (j * d) / (2 * k));
      }
      if (integer) v = Math.round(v);
      if ((positive && v <= 0) || (nonNegative && v < 0)) continue;
      out.add(v);
    }
  }
  return [...out].sort((a, b) => a - b);
}

const round4 = (v: number) => Number(v.toPrecision(4));
const isNumber = (v: GridValue | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

function distinct(values: GridValue[]): GridValue[] {
  const seen = new Map<string, GridValue>();
  for (const v of values) seen.set(JSON.stringify(v), v);
  return [...seen.values()];
}

// "Refine": a finer grid around the best cell of a finished one (the report's second stage, Table 2 → Table 3).
// Numbers are searched at half the first grid's step on each side of the winner (geometric for log-spaced
// values); anything else is fixed to the winner's value.
import type { GridCell } from '../../../shared/api-types';
import type { GridValue } from '../../../shared/grid-expand';
import { parameterValues } from '../../../shared/grid-expand';
import type { GridSpec } from '../../../shared/grid-spec';

const round = (v: number) => Number(v.toPrecision(4));

/** Values around `best` given the first grid's values of that parameter. */
export function refineValues(values: readonly number[], best: number): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length < 2) return [best];
  const i = sorted.indexOf(best);
  const integer = sorted.every(Number.isInteger);
  const log = sorted[0]! > 0 && sorted[sorted.length - 1]! / sorted[0]! >= 10;
  const neighbour = i <= 0 ? sorted[1]! : i >= sorted.length - 1 ? sorted[sorted.length - 2]! : Math.abs(sorted[i - 1]! - best) < Math.abs(sorted[i + 1]! - best) ? sorted[i - 1]! : sorted[i + 1]!;
  let out: number[];
  if (log && best > 0) {
    const r = Math.sqrt(Math.max(best, neighbour) / Math.min(best, neighbour));
    out = [best / r, best, best * r];
  } else {
    const d = Math.abs(best - neighbour) / 2;
    out = [best - d, best, best + d];
    if (sorted[0]! >= 0) out = out.filter((v) => v >= 0);
  }
  out = out.map((v) => (integer ? Math.max(1, Math.round(v)) : round(v)));
  return [...new Set(out)];
}

/** The refined spec's parameters, or null when no cell has a score yet. */
export function refineParameters(spec: GridSpec, cells: readonly GridCell[]): Record<string, { values: GridValue[] } | { value: GridValue }> | null {
  const scored = cells.filter((c) => c.run.best !== null);
  if (scored.length === 0) return null;
  const winner = scored.reduce((a, b) => (b.run.best!.testAccuracy > a.run.best!.testAccuracy ? b : a));
  const out: Record<string, { values: GridValue[] } | { value: GridValue }> = {};
  for (const [key, p] of Object.entries(spec.parameters)) {
    const values = parameterValues(p);
    const best = winner.params[key];
    if (best === undefined) continue;
    if (typeof best === 'number' && values.every((v) => typeof v === 'number')) out[key] = { values: refineValues(values as number[], best) };
    else out[key] = { value: best };
  }
  return out;
}

// Runs grouped by a config value (the optimizer, say), and each group's curves as a mean with a ±1 standard deviation
// band: "is Adam better than momentum?" answered over seeds, not one run each.
import type { RunSummary } from '../../../shared/api-types';
import type { RunColumn } from '../../../shared/run-columns';

export interface Curve {
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
}

export interface Band {
  readonly x: readonly number[];
  readonly mean: readonly number[];
  /** mean − std and mean + std (sample standard deviation; 0 for a group of one). */
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  /** Curves averaged. */
  readonly n: number;
}

export interface RunGroup {
  readonly label: string;
  readonly runs: readonly RunSummary[];
}

/** Runs by their value in `column`, in first-seen order ("optimizer.type = adam"); runs without one form "— (none)". */
export function groupRuns(runs: readonly RunSummary[], column: RunColumn, now: number): RunGroup[] {
  const groups = new Map<string, RunSummary[]>();
  for (const run of runs) {
    const v = column.value(run, now);
    const key = v === null ? '— (none)' : String(v);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups].map(([value, members]) => ({ label: `${column.label} = ${value}`, runs: members }));
}

/** A curve's value at `x`, linearly between its neighbours; null outside it or next to a gap. */
export function valueAt(c: Curve, x: number): number | null {
  const xs = c.x;
  if (xs.length === 0 || x < xs[0]! || x > xs[xs.length - 1]!) return null;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const a = c.y[lo];
  const b = c.y[hi];
  if (a === null || a === undefined || b === null || b === undefined) return xs[lo] === x ? (a ?? null) : xs[hi] === x ? (b ?? null) : null;
  const span = xs[hi]! - xs[lo]!;
  return span === 0 ? a : a + ((b - a) * (x - xs[lo]!)) / span;
}

const sameXs = (curves: readonly Curve[]) => curves.every((c) => c.x.length === curves[0]!.x.length && c.x.every((x, i) => x === curves[0]!.x[i]));

/**
 * Mean and ±1 std of `curves` point by point: at their own x when they all share it (per-epoch metrics), else at
 * `points` x values spread over the span every curve covers (so each point averages every run). Null for no overlap.
 */
export function meanStdBand(curves: readonly Curve[], points = 200): Band | null {
  const live = curves.filter((c) => c.x.length > 0);
  if (live.length === 0) return null;
  let xs: number[];
  if (sameXs(live)) xs = [...live[0]!.x];
  else {
    const start = Math.max(...live.map((c) => c.x[0]!));
    const end = Math.min(...live.map((c) => c.x[c.x.length - 1]!));
    if (!(end > start)) return null;
    xs = Array.from({ length: points }, (_, i) => start + ((end - start) * i) / (points - 1));
  }
  const x: number[] = [];
  const mean: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (const at of xs) {
    const ys = live.map((c) => valueAt(c, at)).filter((v): v is number => v !== null);
    if (ys.length === 0) continue;
    const m = ys.reduce((s, y) => s + y, 0) / ys.length;
    const sd = ys.length < 2 ? 0 : Math.sqrt(ys.reduce((s, y) => s + (y - m) ** 2, 0) / (ys.length - 1));
    x.push(at);
    mean.push(m);
    lower.push(m - sd);
    upper.push(m + sd);
  }
  return { x, mean, lower, upper, n: live.length };
}

// How much each parameter seems to matter to a metric, across runs: a heuristic, not a causal measure.
// Importance is the share of the metric's variance explained by the parameter's values (epsilon², the correlation
// ratio corrected for the number of groups: fANOVA's main effect without its random forest); numbers with many
// distinct values are binned by quantile first. Correlation is Spearman's rank correlation for numeric parameters.
// Both look at one parameter at a time: interactions are missed, and parameters that move together (in ad-hoc runs
// more than in a full grid) share the credit.

export interface Importance {
  /** In [0, 1]: the metric's variance explained by the parameter's groups, beyond chance. */
  readonly importance: number;
  /** Spearman's ρ in [-1, 1] for numeric parameters, null for categories. */
  readonly correlation: number | null;
  /** Runs that had both values. */
  readonly n: number;
}

/** Most groups a numeric parameter is split into (by quantile) before its group means are compared. */
export const MAX_GROUPS = 5;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Epsilon²: (SS_between − (k − 1)·MS_within) / SS_total, clipped to [0, 1]. */
export function epsilonSquared(groups: readonly (readonly number[])[]): number {
  const all = groups.flat();
  const n = all.length;
  const k = groups.length;
  if (k < 2 || n <= k) return 0;
  const m = mean(all);
  const total = all.reduce((s, y) => s + (y - m) ** 2, 0);
  if (total === 0) return 0;
  const between = groups.reduce((s, g) => s + g.length * (mean(g) - m) ** 2, 0);
  const within = (total - between) / (n - k);
  return Math.min(1, Math.max(0, (between - (k - 1) * within) / total));
}

/** Ranks from 1, ties sharing their mean rank. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let t = i; t <= j; t++) out[order[t]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation; 0 when either side is constant. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Groups of metric values by parameter value; numbers with more than MAX_GROUPS values binned by quantile. */
function groupsOf(values: readonly (number | string)[], metric: readonly number[]): number[][] {
  const distinct = [...new Set(values)];
  if (distinct.length <= MAX_GROUPS || typeof values[0] === 'string') {
    const by = new Map<number | string, number[]>();
    values.forEach((v, i) => by.set(v, [...(by.get(v) ?? []), metric[i]!]));
    return [...by.values()];
  }
  const order = values.map((v, i) => [v as number, i] as const).sort((a, b) => a[0] - b[0]);
  const groups: number[][] = Array.from({ length: MAX_GROUPS }, () => []);
  order.forEach(([, i], rank) => groups[Math.min(MAX_GROUPS - 1, Math.floor((rank * MAX_GROUPS) / order.length))]!.push(metric[i]!));
  return groups.filter((g) => g.length > 0);
}

/** The importance of one parameter (`values`, null where a run lacks it) for `metric` (one value per run). */
export function importanceOf(values: readonly (number | string | null)[], metric: readonly (number | null)[]): Importance {
  const pairs = values.flatMap((v, i) => (v === null || metric[i] === null || metric[i] === undefined ? [] : [[v, metric[i]!] as const]));
  const xs = pairs.map((p) => p[0]);
  const ys = pairs.map((p) => p[1]);
  const numeric = xs.every((x) => typeof x === 'number');
  return {
    importance: pairs.length < 3 ? 0 : epsilonSquared(groupsOf(xs, ys)),
    correlation: numeric && pairs.length >= 3 ? spearman(xs as number[], ys) : null,
    n: pairs.length,
  };
}

// Parameter importance: permutation importance on a small random-forest surrogate fitted to the finished trials
// (parameters → metric). Shuffling an important parameter's column breaks the forest's fit; the share of the
// total increase in squared error is that parameter's importance.
import type { ParameterImportance } from '../../shared/api-sweep-types';
import type { Domain } from '../../shared/sweep-domains';
import { toInternal } from '../../shared/sweep-domains';
import type { GridValue } from '../../shared/grid-expand';
import { type Rng, trialRng } from './rng';

export const IMPORTANCE_METHOD = 'permutation importance on a 32-tree random-forest surrogate (depth ≤ 5), share of the squared-error increase';
/** Fewer finished trials than this give no importance (a forest of 3 points says nothing). */
export const MIN_TRIALS_FOR_IMPORTANCE = 4;

const TREES = 32;
const MAX_DEPTH = 5;
const MIN_LEAF = 2;
const REPEATS = 5;

type Node = { leaf: number } | { feature: number; threshold: number; left: Node; right: Node };

export function parameterImportance(domains: Readonly<Record<string, Domain>>, trials: readonly { params: Readonly<Record<string, GridValue>>; value: number }[], seed = 0): ParameterImportance[] {
  const keys = Object.keys(domains).filter((k) => domains[k]!.kind !== 'constant');
  if (trials.length < MIN_TRIALS_FOR_IMPORTANCE || keys.length === 0) return keys.map((path) => ({ path, importance: 0 }));
  const X = trials.map((t) => keys.map((k) => toInternal(domains[k]!, t.params[k] ?? null)));
  const y = trials.map((t) => t.value);
  const rng = trialRng(seed, 0, 7);
  const forest = Array.from({ length: TREES }, () => {
    const rows = Array.from({ length: X.length }, () => Math.floor(rng.next() * X.length));
    return grow(X, y, rows, 0, rng);
  });
  const base = mse(forest, X, y);
  const raw = keys.map((_, j) => {
    let sum = 0;
    for (let r = 0; r < REPEATS; r++) sum += mse(forest, permuteColumn(X, j, rng), y) - base;
    return Math.max(0, sum / REPEATS);
  });
  const total = raw.reduce((a, b) => a + b, 0);
  return keys.map((path, j) => ({ path, importance: total > 0 ? raw[j]! / total : 0 })).sort((a, b) => b.importance - a.importance);
}

function grow(X: readonly number[][], y: readonly number[], rows: readonly number[], depth: number, rng: Rng): Node {
  const mean = rows.reduce((a, i) => a + y[i]!, 0) / rows.length;
  if (depth >= MAX_DEPTH || rows.length < 2 * MIN_LEAF) return { leaf: mean };
  const features = X[0]!.length;
  // A random third of the features (at least one) per split, as random forests for regression do.
  const tried = shuffle([...Array(features).keys()], rng).slice(0, Math.max(1, Math.ceil(features / 3)));
  let best: { feature: number; threshold: number; score: number } | null = null;
  for (const f of tried) {
    const sorted = [...rows].sort((a, b) => X[a]![f]! - X[b]![f]!);
    let leftSum = 0;
    let leftSq = 0;
    const totalSum = sorted.reduce((a, i) => a + y[i]!, 0);
    const totalSq = sorted.reduce((a, i) => a + y[i]! * y[i]!, 0);
    for (let k = 0; k < sorted.length - 1; k++) {
      const v = y[sorted[k]!]!;
      leftSum += v;
      leftSq += v * v;
      const a = X[sorted[k]!]![f]!;
      const b = X[sorted[k + 1]!]![f]!;
      const nl = k + 1;
      const nr = sorted.length - nl;
      if (a === b || nl < MIN_LEAF || nr < MIN_LEAF) continue;
      // Sum of squared errors of both sides: the split with the least wins.
      const sse = leftSq - (leftSum * leftSum) / nl + (totalSq - leftSq) - ((totalSum - leftSum) * (totalSum - leftSum)) / nr;
      if (best === null || sse < best.score) best = { feature: f, threshold: (a + b) / 2, score: sse };
    }
  }
  if (!best) return { leaf: mean };
  const left = rows.filter((i) => X[i]![best.feature]! <= best.threshold);
  const right = rows.filter((i) => X[i]![best.feature]! > best.threshold);
  return { feature: best.feature, threshold: best.threshold, left: grow(X, y, left, depth + 1, rng), right: grow(X, y, right, depth + 1, rng) };
}

function predict(node: Node, x: readonly number[]): number {
  while (!('leaf' in node)) node = x[node.feature]! <= node.threshold ? node.left : node.right;
  return node.leaf;
}

function mse(forest: readonly Node[], X: readonly number[][], y: readonly number[]): number {
  let sum = 0;
  X.forEach((x, i) => {
    const p = forest.reduce((a, t) => a + predict(t, x), 0) / forest.length;
    sum += (p - y[i]!) ** 2;
  });
  return sum / X.length;
}

function permuteColumn(X: readonly number[][], j: number, rng: Rng): number[][] {
  const column = shuffle(X.map((x) => x[j]!), rng);
  return X.map((x, i) => x.map((v, f) => (f === j ? column[i]! : v)));
}

function shuffle<T>(xs: T[], rng: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const k = Math.floor(rng.next() * (i + 1));
    [xs[i], xs[k]] = [xs[k]!, xs[i]!];
  }
  return xs;
}

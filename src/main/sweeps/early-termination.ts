// Early termination, judged when a trial finishes an epoch: asynchronous successive halving (ASHA, W&B's
// `hyperband`) and Optuna's median rule. Pure: a decision reads only the trials' per-epoch scores.
import type { SweepGoal } from '../../shared/api-sweep-types';
import type { SweepSpec } from '../../shared/sweep-spec';
import { toLoss } from './observations';

export interface TrialCurve {
  readonly number: number;
  /** The metric after each epoch (index 0 = epoch 1); null where it is unknown. */
  readonly values: readonly (number | null)[];
  readonly state: 'complete' | 'pruned' | 'failed' | 'running';
}

export type EarlyTerminate = NonNullable<SweepSpec['early_terminate']>;

/** Why to stop the trial now, or null to let it go on. */
export type Verdict = { readonly prune: true; readonly reason: string } | null;

const fmt = (v: number) => Number(v.toPrecision(3)).toString();
const better = (goal: SweepGoal, a: number, b: number) => toLoss(a, goal) < toLoss(b, goal);

/** ASHA's rungs for a run of `epochs`: min_iter·eta^k epochs, below the last epoch (a finished run needs no judging). */
export function ashaRungs(minIter: number, eta: number, epochs: number): number[] {
  const rungs: number[] = [];
  for (let r = minIter; r < epochs; r *= eta) rungs.push(r);
  return rungs;
}

/**
 * Trial `number` has just finished epoch `epochsDone` (1-based). At a rung, it goes on only if it is in the top
 * 1/eta of all trials that reached this rung so far (itself included); while fewer than eta have, the best one
 * goes on (Optuna's successive-halving rule: index max(0, floor(n/eta) - 1) of the sorted scores is the bar).
 */
export function ashaVerdict(et: { min_iter: number; eta: number }, goal: SweepGoal, number: number, epochsDone: number, curves: readonly TrialCurve[]): Verdict {
  let rung = 0;
  for (let r = et.min_iter; r <= epochsDone; r *= et.eta, rung++) {
    if (r !== epochsDone) continue;
    const mine = curves.find((c) => c.number === number)?.values[r - 1];
    if (mine === null || mine === undefined) return null;
    const reached = curves.map((c) => c.values[r - 1]).filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v));
    const sorted = [...reached].sort((a, b) => toLoss(a, goal) - toLoss(b, goal));
    const bar = sorted[Math.max(0, Math.floor(sorted.length / et.eta) - 1)]!;
    if (!better(goal, bar, mine)) return null;
    const side = goal === 'maximize' ? 'below' : 'above';
    return { prune: true, reason: `ASHA rung ${rung + 1} (epoch ${r}): ${fmt(mine)} ${side} the top 1/${et.eta} (${fmt(bar)})` };
  }
  return null;
}

/**
 * Optuna's median rule: after the warm-up epochs, once `min_trials` complete trials have a score at this epoch,
 * stop the trial whose best score so far is worse than the median of theirs at the same epoch.
 */
export function medianVerdict(et: { warmup_epochs: number; min_trials: number }, goal: SweepGoal, number: number, epochsDone: number, curves: readonly TrialCurve[]): Verdict {
  if (epochsDone <= et.warmup_epochs) return null;
  const mine = curves.find((c) => c.number === number)?.values.slice(0, epochsDone).filter((v): v is number => v !== null && Number.isFinite(v)) ?? [];
  if (mine.length === 0) return null;
  const best = mine.reduce((a, b) => (better(goal, b, a) ? b : a));
  const others = curves
    .filter((c) => c.number !== number && c.state === 'complete')
    .map((c) => c.values[epochsDone - 1])
    .filter((v): v is number => v !== null && v !== undefined && Number.isFinite(v))
    .sort((a, b) => a - b);
  if (others.length < et.min_trials) return null;
  const mid = others.length / 2;
  const median = others.length % 2 === 1 ? others[Math.floor(mid)]! : (others[mid - 1]! + others[mid]!) / 2;
  if (!better(goal, median, best)) return null;
  const side = goal === 'maximize' ? 'below' : 'above';
  return { prune: true, reason: `median rule (epoch ${epochsDone}): best ${fmt(best)} ${side} the median ${fmt(median)} of ${others.length} complete trials` };
}

export function earlyVerdict(et: EarlyTerminate | undefined, goal: SweepGoal, number: number, epochsDone: number, curves: readonly TrialCurve[]): Verdict {
  if (!et) return null;
  return et.type === 'hyperband' ? ashaVerdict(et, goal, number, epochsDone, curves) : medianVerdict(et, goal, number, epochsDone, curves);
}
